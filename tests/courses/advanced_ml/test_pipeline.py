"""Course B through the real pipeline: exchange, sandboxed grading into nbgrader's gradebook, final grades
(on the `semester` of conftest.py)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from otter.run import main as otter_run
from sqlalchemy import text

from grading.course import Course
from grading.exports import write_reports
from grading.otter.project import BUILD_DIR
from tests.courses.advanced_ml.conftest import PROJECTS, REPORTS, Semester
from tests.sandbox.attacks import SITE_PACKAGES


def _score(course: Course, project: str, student: str) -> float:
    with course.gradebook() as gb:
        return gb.find_submission(project, student).code_score


def _otter_output(course: Course, project: str) -> Path:
    """What otter assign wrote when the project was released."""
    return course.root / BUILD_DIR / project / project


def _max(course: Course, project: str) -> float:
    with course.gradebook() as gb:
        return gb.find_assignment(project).max_code_score


def test_every_submission_graded(semester: Semester) -> None:
    for outcomes in semester.outcomes.values():
        assert all(o.graded for o in outcomes), {o.student: o.reason for o in outcomes if not o.graded}


# project -> {student position: "full" | "partial" | "stub"} (conftest.HONEST); autograded points per project
EXPECTED = {"project1-rnn": {0: "full", 3: "stub"}, "project1-pinn": {2: "partial"},
            "project2": {1: "full", 2: "partial", 3: "stub", 4: "full"}, "long-project": {5: "full"}}
AUTOGRADED = {"project1-rnn": 70, "project1-pinn": 70, "project2": 70, "long-project": 60}


@pytest.mark.parametrize("project", PROJECTS)
def test_reference_full_release_zero(semester: Semester, project: str) -> None:
    assert _max(semester.course, project) == AUTOGRADED[project]
    for position, kind in EXPECTED[project].items():
        score = _score(semester.course, project, semester.students[position])
        assert {"full": score == AUTOGRADED[project], "stub": score == 0,
                "partial": 0 < score < AUTOGRADED[project]}[kind], (position, kind, score)


def test_each_student_submits_only_their_track_and_path(semester: Semester) -> None:
    with semester.course.gradebook() as gb:
        submitted = {sheet: {s.student.id for s in gb.find_assignment(sheet).submissions}
                     for sheet in [*PROJECTS, *REPORTS]}
    honest = {s: {semester.students[i] for i in expected} for s, expected in EXPECTED.items()}
    honest["project1-data"] = {semester.students[4]}
    assert submitted == {s: honest[s] | (set(semester.hostile) if s == "project1-rnn" else set()) for s in submitted}


def test_own_data_report_waits_for_the_ta(semester: Semester) -> None:
    """The own-data path has no autograded question: four answers, 100 points, all for a TA to grade."""
    (report,) = REPORTS
    released = (semester.course.root / "release" / report / f"{report}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in released and "Model answer" not in released and "Rubric" in released
    with semester.course.gradebook() as gb:
        grades = gb.find_submission_notebook(report, report, semester.students[4]).grades
        found = sorted((g.name, g.max_score, g.needs_manual_grade) for g in grades)
    assert found == [
        ("data", 20, True), ("discussion", 25, True), ("method", 25, True), ("results", 30, True)]


@pytest.mark.parametrize("project", PROJECTS)
def test_release_keeps_hidden_tests_and_solutions_secret(semester: Semester, project: str) -> None:
    released = (semester.course.root / "release" / project / f"{project}.ipynb").read_text(encoding="utf-8")
    solution = nbformat.read(semester.course.root / "solutions" / project / f"{project}.ipynb", as_version=4)
    assert "BEGIN HIDDEN TESTS" not in released and "OKTestFile" not in released
    assert "# BEGIN SOLUTION" not in released
    autograder = _otter_output(semester.course, project) / "autograder" / f"{project}.ipynb"
    tests = nbformat.read(autograder, as_version=4).metadata["otter"]["tests"]
    hidden = [case["code"] for test in tests.values() for case in test["suites"][0]["cases"] if case["hidden"]]
    assert hidden and not any(code in released for code in hidden)
    answers = [c.source for c in solution.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert answers and not any(answer.strip() in released for answer in answers if len(answer) > 80)


@pytest.mark.parametrize("project", PROJECTS)
def test_scores_agree_with_otter_run(semester: Semester, project: str, tmp_path: Path) -> None:
    """otter's own local runner on the same honest submissions gives every question the same score."""
    course = semester.course
    (zip_path,) = (_otter_output(course, project) / "autograder").glob("*.zip")
    honest = semester.students[:6]
    compared = 0
    for student in honest:
        submitted = course.path("submitted", student, project) / f"{project}.ipynb"
        if not submitted.exists():
            continue
        results = otter_run(str(submitted), autograder=str(zip_path), output_dir=str(tmp_path), no_logo=True)
        with course.gradebook() as gb:
            grades = {g.name: g.score for g in gb.find_submission_notebook(project, project, student).grades}
        for question in results.test_files:
            assert grades[f"test_{question}"] == pytest.approx(results.get_score(question)), (student, question)
            compared += 1
    assert compared >= 3


def test_hostile_submissions_get_zero(semester: Semester) -> None:
    for student, attack in semester.hostile.items():
        assert _score(semester.course, "project1-rnn", student) == 0, attack


def test_hostile_submissions_touch_nothing_else(semester: Semester) -> None:
    course = semester.course
    assert semester.connections == []
    assert not (course.root / "pwned.txt").exists()
    assert not Path(SITE_PACKAGES, "usercustomize.py").exists()
    with course.gradebook() as gb:
        assert gb.db.execute(text("SELECT COUNT(*) FROM grade WHERE manual_score = 100")).scalar() == 0
    assert _score(course, "project1-rnn", semester.students[0]) == 70


def test_team_tracks_paths_and_final_grades(semester: Semester) -> None:
    """The team's submissions count for both; the own-data path and the long project at a cut-off exactly."""
    course, students = semester.course, semester.students
    manual = [(students[0], "project1-rnn", "report", 30), (students[1], "project2", "report", 18),
              (students[4], "project1-data", "data", 10), (students[4], "project1-data", "method", 10),
              (students[4], "project1-data", "results", 10), (students[4], "project1-data", "discussion", 6),
              (students[4], "project2", "report", 0), (students[5], "long-project", "report", 29)]
    with course.gradebook() as gb:
        for student, sheet, cell, points in manual:
            grade = gb.find_grade(cell, sheet, sheet, student)
            grade.manual_score, grade.needs_manual_grade = points, False
        gb.db.commit()
    now = course.plan.sheet("long-project").due + timedelta(days=1)
    _, paths = write_reports(course, course.root, now)
    table = pd.read_csv(paths[0], dtype={"id": str}, keep_default_na=False).set_index("id")
    assert paths[0].name == "final_grades.csv"
    for member in students[:2]:
        assert table.loc[member, "project1-rnn"] == 100 and table.loc[member, "project2"] == 70 + 18
        assert table.loc[member, "percent"] == pytest.approx(94) and table.loc[member, "grade"] == "A"
        assert (table.loc[member, "track"], table.loc[member, "project1_path"]) == ("two-projects", "project1-rnn")
    own_data = table.loc[students[4]]  # (36 + 70) / 2 = 53: a D exactly at its cut-off
    assert (own_data["project1_path"], own_data["percent"], own_data["grade"]) == ("project1-data", 53, "D")
    long = table.loc[students[5]]  # the long project alone: 60 + 29 = 89, an A exactly at its cut-off
    assert (long["track"], long["percent"], long["grade"]) == ("one-long-project", 89, "A")
    assert table.loc[students[2], "project1_path"] == "project1-pinn"
    assert table.loc[students[3], "project1_path"] == "project1-rnn" and table.loc[students[3], "grade"] == "F"
    assert set(table["track"]) == {"two-projects", "one-long-project"}
