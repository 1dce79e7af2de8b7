"""Every graded student gets HTML feedback with their score and standing, released to the exchange."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

from grading.feedback import add_standing, admission_text, grade_text, plan_points, sheet_points, standing_box
from grading.plan import CoursePlan, Sheet
from grading.policy.standing import credited_points, final_grades, standing
from tests.conftest import GradedCohort


def test_feedback_per_graded_student(graded_cohort: GradedCohort) -> None:
    course = graded_cohort.course
    graded = [o.student for o in graded_cohort.outcomes if o.graded]
    needed = course.plan.admission_threshold * course.plan.total_points
    with course.gradebook() as gb:
        for student in graded:
            html = (course.path("feedback", student, "sheet01") / "sheet01.html").read_text(encoding="utf-8")
            submission = gb.find_submission("sheet01", student)
            score = submission.score - submission.late_submission_penalty
            assert f"Score: {score:.1f} / 20.0" in html, student
            assert html.count('class="course-standing"') == 1
            assert "points so far" in html
            rows = re.findall(r"<tr><td[^>]*>(sheet\d\d): [^<]*</td><td[^>]*>([^<]*)</td></tr>", html)
            assert [sheet for sheet, _ in rows] == course.plan.sheet_ids
            assert rows[0][1] == f"{round(score, 2):g} of 20", student
            assert f"Exam admission needs {needed:g} of {course.plan.total_points:g} points (50%): you need" in html
    released = list((course.exchange_root / "ml-physics" / "feedback").glob("*.html"))
    assert len(released) == len(graded)


def test_add_standing_goes_first_in_the_body() -> None:
    page = add_standing("<html><body class='x'><h1>Sheet</h1></body></html>", '<div class="course-standing"></div>')
    assert page.startswith("<html><body class='x'><div class=\"course-standing\"></div><h1>Sheet</h1>")


START = datetime(2026, 10, 20, 23, 59, tzinfo=UTC)
PLAN = CoursePlan(
    Path("course.toml"), "test", Path("roster.csv"),
    tuple(Sheet(f"s{i}", f"Topic <{i}>", 10.0, START + timedelta(weeks=i)) for i in range(4)),
    admission_threshold=0.5, excused={("ab", "s1"): "sick note"}, bonus=(("ab", 1.5, "bug report"),),
)


def _box(points: dict[str, float], now: datetime) -> str:
    scores = pd.DataFrame([("ab", sheet, p) for sheet, p in points.items()], columns=["student", "sheet", "points"])
    row = standing(scores, ["ab"], PLAN, now).set_index("id").loc["ab"]
    rows = sheet_points("ab", PLAN, credited_points(scores, PLAN), now)
    return standing_box("a sentence", rows, row["bonus"], admission_text(row, 0.5))


def test_standing_box_lists_every_sheet_and_what_admission_still_needs() -> None:
    box = _box({"s0": 7.25}, START + timedelta(weeks=2, hours=1))  # s0 to s2 are due, s3 is not
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", box)
    assert cells == [
        "s0: Topic &lt;0&gt;", "7.25 of 10",
        "s1: Topic &lt;1&gt;", "excused",
        "s2: Topic &lt;2&gt;", "0 of 10 (nothing submitted)",
        "s3: Topic &lt;3&gt;", "due 2026-11-10 23:59",
        "bonus", "+1.5",
    ]
    # excused s1 leaves the maximum: 30 points, 15 needed, 8.75 reached
    assert "Exam admission needs 15 of 30 points (50%): you need 6.25 more." in box


def test_standing_box_of_an_admitted_student() -> None:
    box = _box({"s0": 10, "s2": 10}, START + timedelta(weeks=3, hours=1))
    assert "Exam admission needs 15 of 30 points (50%): you are admitted." in box


def test_course_b_box_shows_the_students_own_track_weights_and_paths(tmp_path: Path) -> None:
    from tests.policy.test_standing import tracks_plan

    plan = tracks_plan(tmp_path)
    scores = pd.DataFrame([("a", "p1-pinn", 44.5), ("a", "project2", 89), ("b", "long", 77)],
                          columns=["student", "sheet", "points"])
    table = final_grades(scores, ["a", "b", "c"], plan).set_index("id")
    credited, now = credited_points(scores, plan), datetime(2027, 4, 1, tzinfo=UTC)
    assert plan_points(table.loc["a"], plan, credited, now) == [("project1 (50%): p1-pinn: p1-pinn", "44.5 of 50"),
                                                               ("project2 (50%): project2: project2", "89 of 100")]
    assert plan_points(table.loc["b"], plan, credited, now) == [("long (100%): long: long", "77 of 100")]
    assert plan_points(table.loc["c"], plan, credited, now)[0] == (
        "project1 (50%): no path chosen or submitted (paths: p1-rnn, p1-pinn, p1-data)", "-")
    text, rule = grade_text(table.loc["a"], plan)
    assert text == "track two-projects: 89% of your weighted points so far (grade A)."
    assert rule.startswith("Final grade: the weighted percent of your track's projects; A from 89%, B from 77%")
