"""The last step's data: gradebook + roster + policy -> each student's standing, computed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd

from grading.course import Course
from grading.gradebook import digest, read_scores, read_students
from grading.plan import CoursePlan, PlanError
from grading.policy.standing import final_grades, standing
from grading.roster import COLUMNS, read_roster


@dataclass
class Standing:
    """Everything the exports and the report need, computed once."""

    plan: CoursePlan
    now: datetime
    scores: pd.DataFrame  # one row per submission, from the gradebook
    table: pd.DataFrame  # one row per student: roster columns, sheets, projections, status or grade
    problems: list[str] = field(default_factory=list)
    gradebook_state: str = ""  # grading.gradebook.digest of the scores read


def roster_problems(roster: pd.DataFrame, scores: pd.DataFrame, plan: CoursePlan) -> list[str]:
    """Students the gradebook or the policy names but the roster does not: reported, never dropped."""
    known = set(roster["id"])
    problems = [
        f"{student}: has submissions in the gradebook but is not in the roster {plan.roster}"
        for student in sorted(set(scores["student"]) - known)
    ]
    named = {student for student, _ in plan.excused} | {student for student, _ in plan.extensions}
    named |= {student for student, _, _ in plan.bonus} | set(plan.carried_over)
    named |= {member for team in plan.teams for member in team.members}
    problems += [f"{s}: named in {plan.path} but not in the roster {plan.roster}" for s in sorted(named - known)]
    return problems


def check_choices(plan: CoursePlan, roster: set[str]) -> None:
    """A track or path chosen for someone not on the roster is a mistake in the plan (a typo in an id)."""
    for i, student in enumerate(plan.choices):
        if student not in roster:
            raise PlanError(f"{plan.path}: choices[{i}].student names no student of the roster {plan.roster}: "
                            f"{student!r}")


def late_flags(scores: pd.DataFrame, plan: CoursePlan) -> pd.Series:
    """Late means after due date plus grace period plus extension: the same moment nbgrader's penalty uses."""
    extensions = [plan.extension(s, sheet) for s, sheet in zip(scores["student"], scores["sheet"], strict=True)]
    deadline = pd.to_datetime(scores["due"]) + pd.to_timedelta(pd.Series(extensions, index=scores.index))
    return pd.to_datetime(scores["submitted_at"]) > deadline


def compute_standing(course: Course, now: datetime | None = None) -> Standing:
    plan = course.plan
    now = now or datetime.now(UTC)
    scores = read_scores(course.db_url, course.course_id)
    state = digest(scores)
    scores["late"] = late_flags(scores, plan)
    roster = read_roster(plan.roster) if plan.roster.exists() else read_students(course.db_url).assign(matriculation="")
    problems = roster_problems(roster, scores, plan)
    students = list(roster["id"])
    check_choices(plan, set(roster["id"]))
    table = final_grades(scores, students, plan) if plan.letter_cutoffs else standing(scores, students, plan, now)
    if "not_counted" in table:
        problems += [f"{student}: submitted {sheets}, which do not count for their track and paths"
                     for student, sheets in zip(table["id"], table["not_counted"], strict=True) if sheets]
    table = roster[COLUMNS].merge(table, on="id", how="right")
    table[COLUMNS] = table[COLUMNS].fillna("")
    return Standing(plan, now, scores, table.sort_values("id", kind="stable").reset_index(drop=True), problems,
                    state)
