"""A seeded, reproducible cohort that fetches and submits through the real exchange.

Used by the demo, the tests and the benchmarks: every kind of submission a
course sees (full, partial, stub, syntax error, crash, endless loop, late,
corrupt file, none) made from any sheet's source and released notebooks.
"""

from grading.simulate.cohort import simulate
from grading.simulate.kinds import Kind
from grading.simulate.people import make_roster

__all__ = ["Kind", "make_roster", "simulate"]
