"""Instructor step for an otter project: otter assign, then the project's cells into the gradebook and release/."""

from __future__ import annotations

import contextlib
import copy
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import nbformat
from nbgrader.preprocessors import SaveCells
from otter.assign import main as otter_assign

from grading.course import Course
from grading.errors import GradingError
from grading.otter.convert import ProjectNotebooks, convert
from grading.otter.master import questions

BUILD_DIR = Path(".grading") / "otter"


def assign(master: Path, dist: Path) -> tuple[Path, Path]:
    """Run otter assign on a master notebook; returns its student and autograder notebooks."""
    shutil.rmtree(dist, ignore_errors=True)
    with _output_captured() as log:
        try:
            otter_assign(str(master), str(dist), no_pdfs=True)
            failure = None
        except Exception as exc:  # otter's errors name the problem in the master notebook
            failure = exc
    if failure is not None:
        raise GradingError(f"{master}: otter assign failed: {failure}\n{log()[-2000:]}") from failure
    student, autograder = dist / "student" / master.name, dist / "autograder" / master.name
    if not (student.is_file() and autograder.is_file()):
        raise GradingError(f"{master}: otter assign wrote no notebooks to {dist}\n{log()[-2000:]}")
    return student, autograder


@contextlib.contextmanager
def _output_captured() -> Iterator[Callable[[], str]]:
    """Everything written to stdout and stderr, by this process and the kernels otter starts, kept for errors."""
    with tempfile.TemporaryFile() as log:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)

        def text() -> str:
            log.seek(0)
            return log.read().decode(errors="replace")

        try:
            yield text
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def build(master: Path, dist: Path) -> ProjectNotebooks:
    """otter assign into `dist`, then the project's nbgrader notebooks."""
    student, autograder = assign(master, dist)
    return convert(nbformat.read(student, as_version=4), nbformat.read(autograder, as_version=4),
                   questions(master), master)


def release_project(course: Course, sheet_id: str, masters: list[Path]) -> None:
    """Write release/ and solutions/ of a project and its cells into the gradebook (the assignment exists)."""
    release_dir = course.root / course.coursedir.release_directory / sheet_id
    solution_dir = course.root / course.coursedir.solution_directory / sheet_id
    for folder in (release_dir, solution_dir):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    for master in masters:
        dist = course.root / BUILD_DIR / sheet_id / master.stem
        notebooks = build(master, dist)
        for extra in (dist / "student").iterdir():  # data files shipped with the student notebook
            if extra.name != master.name:
                copy_to = release_dir / extra.name
                shutil.copytree(extra, copy_to) if extra.is_dir() else shutil.copy(extra, copy_to)
        resources = {"nbgrader": {"notebook": master.stem, "assignment": sheet_id, "db_url": course.db_url}}
        SaveCells().preprocess(copy.deepcopy(notebooks.graded), resources)
        nbformat.write(notebooks.release, release_dir / master.name)
        nbformat.write(notebooks.solution, solution_dir / master.name)
