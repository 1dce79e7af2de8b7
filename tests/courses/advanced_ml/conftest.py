"""Course B in a throw-away copy, and its projects turned into nbgrader notebooks once per session."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat import NotebookNode

from grading.otter.convert import ProjectNotebooks, convert
from grading.otter.master import questions
from grading.otter.project import assign
from grading.plan import load_plan
from tests.conftest import REPO

COURSE_B = REPO / "courses" / "advanced-ml"
PROJECTS = [s.id for s in load_plan(COURSE_B / "course.toml").sheets if (COURSE_B / "source" / s.id).is_dir()]


def master(project: str) -> Path:
    return COURSE_B / "source" / project / f"{project}.ipynb"


def make_course_b_dir(target: Path) -> Path:
    """A copy of Course B as target/courses/advanced-ml, so its exchange is target/.exchange (as in the repo)."""
    course = target / "courses" / "advanced-ml"
    course.mkdir(parents=True)
    for name in ("nbgrader_config.py", "course.toml"):
        shutil.copy(COURSE_B / name, course / name)
    shutil.copytree(COURSE_B / "source", course / "source")
    return course


def reference(notebooks: ProjectNotebooks) -> NotebookNode:
    """The reference solution with the hidden test cells in place: what grading a perfect submission runs."""
    notebook = copy.deepcopy(notebooks.solution)
    for cell, graded in zip(notebook.cells, notebooks.graded.cells, strict=True):
        if cell.metadata.get("nbgrader", {}).get("locked"):
            cell.source = graded.source
    return notebook


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[ProjectNotebooks, Path]]:
    """project -> its converted notebooks and otter's output folder (with the autograder zip)."""
    result = {}
    for project in PROJECTS:
        dist = tmp_path_factory.mktemp(f"otter-{project}")
        student, autograder = assign(master(project), dist / "dist")
        notebooks = convert(nbformat.read(student, as_version=4), nbformat.read(autograder, as_version=4),
                            questions(master(project)), master(project))
        result[project] = (notebooks, dist / "dist")
    return result
