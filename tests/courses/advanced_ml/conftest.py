"""Course B in a throw-away copy: its projects turned into nbgrader notebooks, and one graded semester.

The semester: every project and path released, a small cohort over both tracks
and every path of project 1 submits its own sheets only (a team of two splits
the work: one member submits project 1, the other project 2), and hostile
submissions are graded in the same batch as honest ones.
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
from grading.otter import is_otter_master
from grading.otter.convert import ProjectNotebooks
from grading.otter.project import build
from grading.plan import load_plan
from grading.release import release
from grading.simulate import Kind, make_roster, simulate
from tests.conftest import REPO
from tests.sandbox.attacks import attacks

COURSE_B = REPO / "courses" / "advanced-ml"
SHEETS = [s.id for s in load_plan(COURSE_B / "course.toml").sheets if (COURSE_B / "source" / s.id).is_dir()]
PROJECTS = [s for s in SHEETS if is_otter_master(COURSE_B / "source" / s / f"{s}.ipynb")]  # otter: autograded
REPORTS = [s for s in SHEETS if s not in PROJECTS]  # the own-data path: graded by TAs only


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
FULL, PARTIAL, STUB, NONE = Kind.FULL, Kind.PARTIAL, Kind.STUB, Kind.NONE
# The honest students, by position: 0 and 1 a team on the coding path (0 submits project 1, 1 project 2), 2 the PINN
# path, 3 the coding path by default (no choice) and stubs, 4 the own-data path, 5 the long project. A kind for a sheet
# outside a student's track and path is not submitted (the simulator skips it); the hostile ones follow, coding path.
HONEST = {"project1-rnn": [FULL, NONE, NONE, STUB, NONE, NONE],
          "project1-pinn": [NONE, NONE, PARTIAL, NONE, NONE, NONE],
          "project1-data": [NONE, NONE, NONE, NONE, FULL, NONE], "project2": [NONE, FULL, PARTIAL, STUB, FULL, NONE],
          "long-project": [NONE, NONE, NONE, NONE, NONE, FULL]}
CHOICES = {0: 'paths = { project1 = "project1-rnn" }', 1: 'paths = { project1 = "project1-rnn" }',
           2: 'paths = { project1 = "project1-pinn" }', 4: 'paths = { project1 = "project1-data" }',
           5: 'track = "one-long-project"'}
SEED = 5


@dataclass
class Semester:
    course: Course
    students: list[str]
    hostile: dict[str, str]  # student -> attack (project1-rnn)
    outcomes: dict[str, list[Outcome]]
    connections: list


def _first_answer(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return next(c for c in notebook.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution"))


def _plan_for(root: Path, students: list[str]) -> None:
    """The course's plan with the team and the choices of the test's own roster instead of the demo's."""
    plan = (root / "course.toml").read_text(encoding="utf-8")
    plan = plan[:plan.index("\n[[choices]]\n") + 1].replace('["mt125", "ak107"]', f'["{students[0]}", "{students[1]}"]')
    plan += "".join(f'[[choices]]\nstudent = "{students[i]}"\n{choice}\n\n' for i, choice in CHOICES.items())
    (root / "course.toml").write_text(plan, encoding="utf-8")


@pytest.fixture(scope="session")
def semester(tmp_path_factory: pytest.TempPathFactory) -> Semester:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    connections: list = []
    threading.Thread(target=lambda: connections.append(listener.accept()), daemon=True).start()
    root = make_course_b_dir(tmp_path_factory.mktemp("course-b"))
    chosen = {**{k: v for k, v in attacks(root, listener.getsockname()[1],
                                           root / "source" / "project1-rnn" / "project1-rnn.ipynb").items()
                 if k in GENERIC}, **OTTER_ATTACKS}
    n_honest = len(HONEST["project2"])
    students = list(make_roster(n_honest + len(chosen), SEED)["id"])
    _plan_for(root, students)
    course = Course(root)
    hostile = dict(zip(students[n_honest:], chosen, strict=True))
    outcomes = {}
    for sheet in SHEETS:
        kinds = HONEST[sheet] + [STUB if sheet == "project1-rnn" else NONE] * len(chosen)
        release(course, sheet)
        cohort = simulate(course, sheet, n_students=len(kinds), seed=SEED, kinds=kinds)
        assert list(cohort["id"]) == students
        collect(course, sheet)
        if sheet == "project1-rnn":
            for student, attack in hostile.items():
                path = course.path("submitted", student, sheet) / f"{sheet}.ipynb"
                notebook = nbformat.read(path, as_version=4)
                _first_answer(notebook).source = chosen[attack] + "\n" + _first_answer(notebook).source
                nbformat.write(notebook, path)
        outcomes[sheet] = autograde(course, sheet, workers=2)
    listener.close()
    return Semester(Course(root), students, hostile, outcomes, connections)
