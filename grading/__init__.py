"""Course administration around nbgrader: release, simulate, collect, grade, admit."""

__version__ = "0.1.0"
