"""The standing read from the gradebook agrees with nbgrader's own scores, and nobody is dropped."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from grading.admission import compute_standing, roster_problems
from grading.plan import Team
from tests.conftest import GradedCohort


def test_points_agree_with_nbgrader_for_every_student(graded_cohort: GradedCohort) -> None:
    course = graded_cohort.course
    result = compute_standing(course, course.plan.sheet("sheet01").due + pd.Timedelta(days=1))
    assert sorted(result.table["id"]) == sorted(graded_cohort.cohort["id"])
    assert result.problems == []
    with course.gradebook() as gb:
        for row in result.table.itertuples():
            try:
                submission = gb.find_submission("sheet01", row.id)
                expected = submission.score - submission.late_submission_penalty
            except Exception:  # nbgrader's MissingEntry: no submission
                expected = 0.0
            assert row.sheet01 == pytest.approx(expected), row.id
            assert row.points == pytest.approx(expected)
            assert row.max_so_far == 20 and row.max_total == course.plan.total_points


def test_unknown_students_are_reported_not_dropped(graded_cohort: GradedCohort) -> None:
    course = graded_cohort.course
    roster = pd.read_csv(course.plan.roster, dtype=str, keep_default_na=False)
    dropped = roster["id"].iloc[0]
    smaller = roster[roster["id"] != dropped]
    scores = pd.DataFrame({"student": [dropped], "sheet": ["sheet01"], "points": [3.0]})
    plan = replace(course.plan, teams=(Team((smaller["id"].iloc[0], "nobody1"), ("sheet01",)),))
    problems = roster_problems(smaller, scores, plan)
    assert problems == [
        f"{dropped}: has submissions in the gradebook but is not in the roster {plan.roster}",
        f"nobody1: named in {plan.path} but not in the roster {plan.roster}",
    ]
