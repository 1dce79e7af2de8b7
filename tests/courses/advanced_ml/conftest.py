"""Course B in a throw-away copy: its projects turned into nbgrader notebooks, and one graded semester.

The semester: both projects released, a small cohort submits (a team of two
splits the work: one member submits project 1, the other project 2), and
hostile submissions are graded in the same batch as honest ones.
"""

from __future__ import annotations

import copy
import shutil
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbformat import NotebookNode

from grading.autograde import Outcome, autograde
from grading.collect import collect
from grading.course import Course
from grading.otter.convert import ProjectNotebooks
from grading.otter.project import build
from grading.plan import load_plan
from grading.release import release
from grading.simulate import Kind, simulate
from tests.conftest import REPO
from tests.sandbox.attacks import attacks

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
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ProjectNotebooks]:
    """project -> its notebooks converted from otter assign's output."""
    return {project: build(master(project), tmp_path_factory.mktemp(f"otter-{project}") / "dist")
            for project in PROJECTS}


# otter-specific ways to fake a score, put in front of the first answer of an empty (stub) submission
OTTER_ATTACKS = {
    "patch_otter": ("import otter.test_files as t\nt.OKTestFile.run = lambda self, env: None\n"
                    "t.abstract_test.TestFile.score = property(lambda self: 1000.0)"),
    "patch_doctest": ("import doctest\ndoctest.DocTestRunner.run = lambda *a, **k: doctest.TestResults(0, 0)\n"
                      "doctest.DocTestRunner.summarize = lambda *a, **k: doctest.TestResults(0, 0)"),
    "patch_float": "import builtins\nbuiltins.float = lambda *a: 1000.0",
}
GENERIC = ("read_gradebook", "read_source", "write_gradebook", "socket", "fork_bomb", "allocate_50GB",
           "write_outside", "rewrite_tests", "thread_repatch", "forge_report", "kill_self")
HONEST = [Kind.FULL, Kind.FULL, Kind.PARTIAL, Kind.STUB]  # student 0 and 1 form the team


@dataclass
class Semester:
    course: Course
    students: list[str]
    hostile: dict[str, str]  # student -> attack (project1)
    outcomes: dict[str, list[Outcome]]
    connections: list


def _first_answer(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return next(c for c in notebook.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution"))


@pytest.fixture(scope="session")
def semester(tmp_path_factory: pytest.TempPathFactory) -> Semester:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    connections: list = []
    threading.Thread(target=lambda: connections.append(listener.accept()), daemon=True).start()
    root = make_course_b_dir(tmp_path_factory.mktemp("course-b"))
    course = Course(root)
    chosen = {**{k: v for k, v in attacks(root, listener.getsockname()[1],
                                           root / "source" / "project1" / "project1.ipynb").items() if k in GENERIC},
              **OTTER_ATTACKS}
    kinds = {"project1": [Kind.FULL, Kind.NONE, *HONEST[2:], *[Kind.STUB] * len(chosen)],
             "project2": [Kind.NONE, Kind.FULL, *HONEST[2:], *[Kind.NONE] * len(chosen)]}
    outcomes = {}
    for project in PROJECTS:
        release(course, project)
        cohort = simulate(course, project, n_students=len(kinds[project]), seed=5, kinds=kinds[project])
        collect(course, project)
        students = list(cohort["id"])
        hostile = dict(zip(students[len(HONEST):], chosen, strict=True))
        if project == "project1":
            for student, attack in hostile.items():
                path = course.path("submitted", student, project) / f"{project}.ipynb"
                notebook = nbformat.read(path, as_version=4)
                _first_answer(notebook).source = chosen[attack] + "\n" + _first_answer(notebook).source
                nbformat.write(notebook, path)
        outcomes[project] = autograde(course, project, workers=2)
    listener.close()
    plan = (root / "course.toml").read_text(encoding="utf-8")
    (root / "course.toml").write_text(plan.replace('["mt125", "ak107"]', f'["{students[0]}", "{students[1]}"]'))
    return Semester(Course(root), students, hostile, outcomes, connections)
