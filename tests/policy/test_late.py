"""Late penalties: bounded, monotone, and the same in nbgrader's gradebook as in our reports."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from traitlets.config import Config, Configurable

from grading.plan import LateRule
from grading.policy.late import DAY, CoursePolicyLatePenalty, late_penalty
from grading.simulate import Kind
from tests.conftest import GradedCohort

rules = st.builds(
    LateRule,
    mode=st.sampled_from(["none", "per_day", "zero"]),
    per_day=st.floats(0.01, 1.0),
    max_days=st.one_of(st.none(), st.integers(0, 10)),
)


@given(st.floats(0, 100), st.floats(-1e6, 1e7), rules)
def test_penalty_within_bounds(score: float, seconds: float, rule: LateRule) -> None:
    penalty = late_penalty(score, seconds, rule)
    assert 0 <= penalty <= score
    if seconds <= 0 or rule.mode == "none":
        assert penalty == 0


@given(st.floats(0, 100), st.floats(0, 1e6), st.floats(0, 1e6), rules)
def test_later_never_costs_less(score: float, a: float, b: float, rule: LateRule) -> None:
    early, late = sorted([a, b])
    assert late_penalty(score, early, rule) <= late_penalty(score, late, rule)


def test_per_day_rule_by_example() -> None:
    rule = LateRule(mode="per_day", per_day=0.2, max_days=3)
    assert late_penalty(10, 1, rule) == pytest.approx(2)
    assert late_penalty(10, DAY + 1, rule) == pytest.approx(4)
    assert late_penalty(10, 3 * DAY, rule) == pytest.approx(6)
    assert late_penalty(10, 3 * DAY + 1, rule) == 10
    assert late_penalty(10, 5, LateRule(mode="zero")) == 10


def test_gradebook_penalty_follows_the_plan(graded_cohort: GradedCohort) -> None:
    course = graded_cohort.course
    student = graded_cohort.student(Kind.LATE)
    with course.gradebook() as gb:
        submission = gb.find_submission("sheet01", student)
        assert submission.extension == course.plan.late.grace
        expected = late_penalty(submission.score, submission.total_seconds_late, course.plan.late)
        assert expected > 0
        assert submission.late_submission_penalty == pytest.approx(expected)


def test_without_course_toml_nbgraders_own_penalty_applies(tmp_path) -> None:
    config = Config({"CourseDirectory": {"root": str(tmp_path)}, "LateSubmissionPlugin": {"penalty_method": "zero"}})
    plugin = CoursePolicyLatePenalty(parent=Configurable(config=config), config=config)
    assert plugin.late_submission_penalty("s", 7.0, 3600.0) == 7.0
