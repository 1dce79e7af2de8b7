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
from tests.courses.advanced_ml.conftest import PROJECTS, Semester
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


@pytest.mark.parametrize("project", PROJECTS)
def test_reference_full_release_zero(semester: Semester, project: str) -> None:
    full = semester.students[0] if project == "project1" else semester.students[1]
    assert _score(semester.course, project, full) == _max(semester.course, project) == 70
    assert _score(semester.course, project, semester.students[3]) == 0
    assert 0 < _score(semester.course, project, semester.students[2]) < 70


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
    honest = semester.students[:4]
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
    assert compared >= 3 * 4


def test_hostile_submissions_get_zero(semester: Semester) -> None:
    for student, attack in semester.hostile.items():
        assert _score(semester.course, "project1", student) == 0, attack


def test_hostile_submissions_touch_nothing_else(semester: Semester) -> None:
    course = semester.course
    assert semester.connections == []
    assert not (course.root / "pwned.txt").exists()
    assert not Path(SITE_PACKAGES, "usercustomize.py").exists()
    with course.gradebook() as gb:
        assert gb.db.execute(text("SELECT COUNT(*) FROM grade WHERE manual_score = 100")).scalar() == 0
    assert _score(course, "project1", semester.students[0]) == 70


def test_team_of_two_counts_for_both_and_final_grades(semester: Semester) -> None:
    course = semester.course
    first, second = semester.students[:2]
    with course.gradebook() as gb:
        for student, points in ((first, 30), (second, 18)):
            project = "project1" if student == first else "project2"
            grade = gb.find_grade("report", project, project, student)
            grade.manual_score, grade.needs_manual_grade = points, False
        gb.db.commit()
    now = course.plan.sheet("project2").due + timedelta(days=1)
    _, paths = write_reports(course, course.root, now)
    table = pd.read_csv(paths[0], dtype={"id": str}).set_index("id")
    assert paths[0].name == "final_grades.csv"
    for member in (first, second):
        assert table.loc[member, "project1"] == 100 and table.loc[member, "project2"] == 70 + 18
        assert table.loc[member, "percent"] == pytest.approx(94)
        assert table.loc[member, "grade"] == "A"
    assert table.loc[semester.students[3], "grade"] == "F"
