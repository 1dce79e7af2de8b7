"""Every simulated kind of submission is scored as a course expects, and a bad file stops nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from grading.autograde import STATE_DIR, autograde, pending, state_path, unreadable_notebooks
from grading.collect import collect
from grading.course import Course
from grading.errors import GradingError
from grading.release import release
from grading.simulate import Kind, simulate
from tests.conftest import CELL_TIMEOUT, GradedCohort


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


def _cell_scores(course, student: str) -> dict[str, float]:
    with course.gradebook() as gb:
        submission = gb.find_submission("sheet01", student)
        return {grade.name: grade.score for notebook in submission.notebooks for grade in notebook.grades}


def test_scores_agree_with_nbgrader_on_every_cell(graded_cohort: GradedCohort, tmp_path) -> None:
    """The same submissions graded by nbgrader's own autograde (its kernel, no sandbox) in a copy of the course."""
    root = tmp_path / "plain-nbgrader"
    shutil.copytree(graded_cohort.course.root, root, ignore=shutil.ignore_patterns("autograded", ".grading"))
    with (root / "nbgrader_config.py").open("a") as config:  # nbgrader's own steps: its Execute, a kernel
        config.write(f"\ndel c.Autograde.autograde_preprocessors\nc.Execute.timeout = {CELL_TIMEOUT}\n")
    plain = Course(root)
    graded = [o.student for o in graded_cohort.outcomes if o.graded]
    for student in graded:
        assert plain.api().autograde("sheet01", student, force=True)["success"], student
    for student in graded:
        assert _cell_scores(plain, student) == _cell_scores(graded_cohort.course, student), student


def test_resumes_after_sigkill_and_grades_only_new_submissions(course_dir: Path) -> None:
    course = Course(course_dir)
    release(course, "sheet01")
    cohort = simulate(course, "sheet01", n_students=8, seed=5, kinds=[Kind.FULL] * 8)
    collect(course, "sheet01")
    command = [sys.executable, "-m", "grading.cli", "--course-dir", str(course_dir), "autograde", "sheet01",
               "--workers", "1"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    state = course_dir / STATE_DIR / "sheet01"
    deadline = time.monotonic() + 300
    while len(list(state.glob("*.json"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    with pytest.raises(GradingError, match=rf"grading autograde sheet01 is already running \(pid {run.pid} "):
        autograde(course, "sheet01")  # a second TA at the same time
    os.killpg(run.pid, signal.SIGKILL)  # the grader and its pool die at once, as in a crash
    run.wait()
    finished = {p.stem for p in state.glob("*.json")}
    assert 2 <= len(finished) < 8
    rest = autograde(course, "sheet01")
    assert {o.student for o in rest} == set(cohort["id"]) - finished
    assert all(o.graded for o in rest)
    assert autograde(course, "sheet01") == []  # nothing left to do
    resubmitting = cohort["id"].iloc[0]
    stamp = course.path("submitted", resubmitting, "sheet01") / "timestamp.txt"
    stamp.write_text("2026-10-27 20:00:00.000000 UTC", encoding="utf-8")
    assert [o.student for o in autograde(course, "sheet01")] == [resubmitting]
    assert len(autograde(course, "sheet01", force=True)) == 8
    with course.gradebook() as gb:
        assert all(gb.find_submission("sheet01", s).code_score == 15 for s in cohort["id"])


def test_dask_cluster_gives_identical_results(graded_cohort: GradedCohort, tmp_path: Path) -> None:
    from distributed import LocalCluster

    root = tmp_path / "on-dask"
    shutil.copytree(graded_cohort.course.root, root, ignore=shutil.ignore_patterns("autograded", ".grading"))
    course = Course(root)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        outcomes = autograde(course, "sheet01", scheduler=cluster.scheduler_address)
    assert [(o.student, o.graded, o.limits) for o in outcomes] == [
        (o.student, o.graded, o.limits) for o in graded_cohort.outcomes]
    for outcome in outcomes:
        if outcome.graded:
            assert _cell_scores(course, outcome.student) == _cell_scores(graded_cohort.course, outcome.student)


def test_graded_only_where_gradebook_autograded_and_record_agree(course_dir: Path) -> None:
    """The records under .grading/ are a cache: a lost notebook, a half-written one, a gradebook swapped for an
    older copy, a test cell without its score or a lost record each make the submission pending again, and the next
    run grades exactly those."""
    course = Course(course_dir)
    release(course, "sheet01")
    students = sorted(simulate(course, "sheet01", n_students=3, seed=2, kinds=[Kind.FULL] * 3)["id"])
    collect(course, "sheet01")
    gradebook = course_dir / "gradebook.db"
    before = shutil.copy(gradebook, course_dir / "before.db")
    assert all(o.graded for o in autograde(course, "sheet01", workers=2))
    assert pending(course, "sheet01", students) == []
    first, second, third = students
    folder = course.path("autograded", first, "sheet01")
    folder.rename(folder.with_name("away"))
    assert pending(course, "sheet01", students) == [first]
    folder.with_name("away").rename(folder)
    notebook = course.path("autograded", second, "sheet01") / "sheet01.ipynb"
    whole = notebook.read_bytes()
    notebook.write_bytes(whole[: len(whole) // 2])  # killed while writing it
    assert pending(course, "sheet01", students) == [second]
    notebook.write_bytes(whole)
    graded = shutil.copy(gradebook, course_dir / "graded.db")
    shutil.copy(before, gradebook)  # a restore from before grading
    assert pending(course, "sheet01", students) == students
    shutil.copy(graded, gradebook)
    with course.gradebook() as gb:  # killed between two of nbgrader's commits of test-cell scores
        grades = [g for nb in gb.find_submission("sheet01", first).notebooks for g in nb.grades if g.auto_score]
        grades[-1].auto_score = None
        gb.db.commit()
    assert pending(course, "sheet01", students) == [first]
    shutil.copy(graded, gradebook)
    state_path(course, "sheet01", third).unlink()
    assert pending(course, "sheet01", students) == [third]
    notebook.write_bytes(whole[:100])
    assert [o.student for o in autograde(course, "sheet01", workers=2)] == [second, third]
    assert pending(course, "sheet01", students) == []
    with course.gradebook() as gb:
        assert [gb.find_submission("sheet01", s).code_score for s in students] == [15, 15, 15]
