"""The standing read from the gradebook agrees with nbgrader's own scores, and nobody is dropped."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pandas as pd
import pytest

from grading.admission import compute_standing, late_flags, roster_problems
from grading.plan import Team, load_plan
from tests.conftest import REPO, GradedCohort


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


def test_late_counts_from_due_date_plus_grace_and_extension() -> None:
    plan = replace(load_plan(REPO / "course.toml"), extensions={("b", "sheet01"): timedelta(days=1)})
    due = pd.Timestamp("2026-10-27 22:59:00")
    scores = pd.DataFrame({
        "student": ["a", "a", "b", "c"],
        "sheet": ["sheet01", "sheet02", "sheet01", "sheet01"],
        "due": [due, due + pd.Timedelta(weeks=1), due, due],
        "submitted_at": [due + pd.Timedelta(minutes=10), due + pd.Timedelta(weeks=1, minutes=16),
                         due + pd.Timedelta(hours=20), None],
    })
    assert plan.late.grace == pd.Timedelta(minutes=15)
    assert list(late_flags(scores, plan)) == [False, True, False, False]
