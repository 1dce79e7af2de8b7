"""Instructor step for an otter project: otter assign, then the project's cells into the gradebook and release/."""

from __future__ import annotations

import contextlib
import copy
import io
import shutil
from pathlib import Path

import nbformat
from nbgrader.preprocessors import SaveCells
from otter.assign import main as otter_assign

from grading.course import Course
from grading.errors import GradingError
from grading.otter.convert import convert
from grading.otter.master import questions

BUILD_DIR = Path(".grading") / "otter"


def assign(master: Path, dist: Path) -> tuple[Path, Path]:
    """Run otter assign on a master notebook; returns its student and autograder notebooks."""
    shutil.rmtree(dist, ignore_errors=True)
    log = io.StringIO()
    try:
        with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
            otter_assign(str(master), str(dist), no_pdfs=True)
    except Exception as exc:  # otter's errors name the problem in the master notebook
        raise GradingError(f"{master}: otter assign failed: {exc}\n{log.getvalue()[-2000:]}") from exc
    student, autograder = dist / "student" / master.name, dist / "autograder" / master.name
    if not (student.is_file() and autograder.is_file()):
        raise GradingError(f"{master}: otter assign wrote no notebooks to {dist}\n{log.getvalue()[-2000:]}")
    return student, autograder


def release_project(course: Course, sheet_id: str, masters: list[Path]) -> None:
    """Write release/ and solutions/ of a project and its cells into the gradebook (the assignment exists)."""
    release_dir = course.root / course.coursedir.release_directory / sheet_id
    solution_dir = course.root / course.coursedir.solution_directory / sheet_id
    for folder in (release_dir, solution_dir):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    for master in masters:
        dist = course.root / BUILD_DIR / sheet_id / master.stem
        student_path, autograder_path = assign(master, dist)
        for extra in student_path.parent.iterdir():  # data files shipped with the student notebook
            if extra != student_path:
                copy_to = release_dir / extra.name
                shutil.copytree(extra, copy_to) if extra.is_dir() else shutil.copy(extra, copy_to)
        notebooks = convert(nbformat.read(student_path, as_version=4), nbformat.read(autograder_path, as_version=4),
                            questions(master), master)
        resources = {"nbgrader": {"notebook": master.stem, "assignment": sheet_id, "db_url": course.db_url}}
        SaveCells().preprocess(copy.deepcopy(notebooks.graded), resources)
        nbformat.write(notebooks.release, release_dir / master.name)
        nbformat.write(notebooks.solution, solution_dir / master.name)
