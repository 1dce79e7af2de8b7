"""Every simulated kind of submission is scored as a course expects, and a bad file stops nothing."""

from __future__ import annotations

import nbformat

from grading.autograde import unreadable_notebooks
from grading.simulate import Kind
from tests.conftest import GradedCohort


def _autograded_points(cohort: GradedCohort, student: str) -> float:
    with cohort.course.gradebook() as gb:
        return gb.find_submission(cohort.sheet, student).code_score


def test_partial_between_stub_and_full(graded_cohort: GradedCohort) -> None:
    for student in graded_cohort.students(Kind.PARTIAL):
        assert 0 < _autograded_points(graded_cohort, student) < 15


def test_broken_code_loses_only_some_points(graded_cohort: GradedCohort) -> None:
    for kind in (Kind.SYNTAX_ERROR, Kind.CRASH, Kind.INFINITE_LOOP):
        assert 0 < _autograded_points(graded_cohort, graded_cohort.student(kind)) < 15, kind


def test_endless_loop_times_out_with_zero_on_that_part(graded_cohort: GradedCohort) -> None:
    student = graded_cohort.student(Kind.INFINITE_LOOP)
    path = graded_cohort.course.path("autograded", student, graded_cohort.sheet) / "sheet01.ipynb"
    notebook = nbformat.read(path, as_version=4)
    looping = [c.metadata.nbgrader["grade_id"] for c in notebook.cells if "while step < 10" in c.source]
    assert len(looping) == 1
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in notebook.cells}
    test_cell = cells[f"test_{looping[0]}"]
    assert any(o.get("ename") in ("CellTimeoutError", "KeyboardInterrupt") for o in test_cell.outputs)
    with graded_cohort.course.gradebook() as gb:
        assert gb.find_grade(f"test_{looping[0]}", "sheet01", graded_cohort.sheet, student).score == 0


def test_late_submission_is_marked_late(graded_cohort: GradedCohort) -> None:
    with graded_cohort.course.gradebook() as gb:
        for student in (o.student for o in graded_cohort.outcomes if o.graded):
            late = gb.find_submission(graded_cohort.sheet, student).total_seconds_late > 0
            assert late == (student == graded_cohort.student(Kind.LATE)), student


def test_corrupt_notebook_reported_by_file_and_rest_graded(graded_cohort: GradedCohort) -> None:
    corrupt = graded_cohort.student(Kind.CORRUPT)
    failed = {o.student: o.reason for o in graded_cohort.outcomes if not o.graded}
    assert list(failed) == [corrupt]
    assert f"submitted/{corrupt}/sheet01/sheet01.ipynb" in failed[corrupt]
    assert "not a valid notebook" in failed[corrupt]
    graded = {o.student for o in graded_cohort.outcomes if o.graded}
    assert graded == set(graded_cohort.collected) - {corrupt}


def test_no_submission_is_not_collected(graded_cohort: GradedCohort) -> None:
    assert graded_cohort.student(Kind.NONE) not in graded_cohort.collected
    assert len(graded_cohort.collected) == len(graded_cohort.cohort) - 1


def test_unreadable_notebooks_accepts_valid_ones(tmp_path) -> None:
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "good.ipynb")
    (tmp_path / "bad.ipynb").write_text('{"cells": [', encoding="utf-8")
    assert [p.split(":")[0] for p in unreadable_notebooks(tmp_path)] == [str(tmp_path / "bad.ipynb")]
