"""The simulated cohort goes through nbgrader's exchange with the simulated clock."""

from __future__ import annotations

from datetime import timedelta

from grading.roster import read_roster
from grading.simulate import Kind
from grading.simulate.cohort import assign_kinds
from tests.conftest import GradedCohort


def test_every_kind_in_a_default_cohort() -> None:
    import numpy as np

    kinds = assign_kinds(40, np.random.default_rng(0))
    assert len(kinds) == 40 and set(kinds) == set(Kind)
    assert kinds == assign_kinds(40, np.random.default_rng(0))


def test_submissions_in_exchange_with_simulated_times(graded_cohort: GradedCohort) -> None:
    course = graded_cohort.course
    roster = read_roster(course.plan.roster)
    assert list(roster["id"]) == list(graded_cohort.cohort["id"])
    inbound = sorted(p.name.split("+")[0] for p in (course.exchange_root / "ml-physics" / "inbound").iterdir())
    assert inbound == sorted(graded_cohort.collected)
    due = course.plan.sheet("sheet01").due
    with course.gradebook() as gb:
        for row in graded_cohort.cohort.dropna(subset=["submitted_at"]).itertuples():
            if row.kind == str(Kind.CORRUPT):
                continue
            stamp = gb.find_submission("sheet01", row.id).timestamp
            assert abs(stamp - row.submitted_at.astimezone(due.tzinfo).replace(tzinfo=None)
                       + due.utcoffset()) < timedelta(seconds=1)
