"""The habitual command is the safe one: `nbgrader autograde` in a course directory runs submissions in the sandbox.

The course's nbgrader_config.py puts SandboxExecute in place of nbgrader's
Execute; it needs nothing set up by `grading autograde`, takes its limits from
course.toml and records the limits a notebook hit in the autograded notebook.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute
from sqlalchemy import text
from traitlets.config import Config

from grading.autograde import SANDBOX_STEP, runs_sandboxed, sandboxed_steps
from grading.collect import collect
from grading.course import Course, failure_reason
from grading.release import release
from grading.sandbox import execute
from grading.sandbox.backends import SandboxBackend
from grading.sandbox.execute import SandboxExecute, recorded_reasons
from grading.sandbox.limits import MIB, Limits
from grading.simulate import Kind, simulate
from tests.conftest import make_course_dir

NBGRADER = Path(sys.executable).parent / "nbgrader"


def _grades(course: Course) -> dict[str, tuple]:
    with course.gradebook() as gb:
        rows = gb.db.execute(text("SELECT id, auto_score, manual_score, extra_credit FROM grade")).all()
    return {row[0]: tuple(row[1:]) for row in rows}


def _errors(course: Course, student: str, grade_id: str) -> list[str]:
    notebook = nbformat.read(course.path("autograded", student, "sheet01") / "sheet01.ipynb", as_version=4)
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return [f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]


@pytest.fixture(scope="module")
def habitual(tmp_path_factory: pytest.TempPathFactory):
    """sheet01 of four students: one graded earlier, then `nbgrader autograde` grades an attacker and an honest
    student in one run (the fourth is left for a machine without bubblewrap)."""
    root = make_course_dir(tmp_path_factory.mktemp("habitual") / "course")
    course = Course(root)
    release(course, "sheet01")
    attacker, honest, earlier, spare = simulate(course, "sheet01", n_students=4, seed=3, kinds=[Kind.FULL] * 4)["id"]
    collect(course, "sheet01")
    gradebook = str(root / "gradebook.db")
    path = course.path("submitted", attacker, "sheet01") / "sheet01.ipynb"
    notebook = nbformat.read(path, as_version=4)
    attacks = {"center": f"print(open({gradebook!r}, 'rb').read(100))",
               "covariance": (f"import sqlite3\ndb = sqlite3.connect({gradebook!r})\n"
                              "db.execute('update grade set auto_score = 100')\ndb.commit()")}
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in attacks:
            cell.source = attacks[grade_id] + "\n" + cell.source
    nbformat.write(notebook, path)
    with course.gradebook() as gb:  # graded earlier: rows the attacker's update would overwrite
        for grade in gb.update_or_create_submission("sheet01", earlier).notebooks[0].grades:
            grade.auto_score, grade.manual_score = 1.0, 0.5
        gb.db.commit()
    before = _grades(course)
    run = subprocess.run([str(NBGRADER), "autograde", "sheet01", "--force",
                          f"--CourseDirectory.student_id_exclude={earlier},{spare}"],
                         cwd=root, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    return course, attacker, honest, spare, before


def test_nbgrader_autograde_runs_the_submission_in_the_sandbox(habitual) -> None:
    course, attacker, _, _, _ = habitual
    assert any(e.startswith("FileNotFoundError") for e in _errors(course, attacker, "center"))
    assert any(e.startswith("OperationalError: unable to open database file")
               for e in _errors(course, attacker, "covariance"))
    with course.gradebook() as gb:
        for test in ("test_center", "test_covariance"):
            assert gb.find_grade(test, "sheet01", "sheet01", attacker).score == 0


def test_the_rest_of_the_gradebook_is_untouched_and_honest_work_scores_in_full(habitual) -> None:
    course, _, honest, _, before = habitual
    after = _grades(course)
    assert {row: after[row] for row in before} == before
    with course.gradebook() as gb:
        assert gb.find_submission("sheet01", honest).code_score == 15
    assert recorded_reasons(course.path("autograded", honest, "sheet01") / "sheet01.ipynb") == []


def test_without_bubblewrap_nbgrader_autograde_refuses(habitual, monkeypatch: pytest.MonkeyPatch) -> None:
    course, _, _, spare, _ = habitual
    monkeypatch.setattr(execute, "_workers", {})  # as in a fresh `nbgrader autograde` process
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = course.api().autograde("sheet01", spare)
    assert not result["success"]
    assert "SandboxUnavailable: bubblewrap is not installed (Debian package `bubblewrap`)" in failure_reason(result)
    assert not course.path("autograded", spare, "sheet01").exists()


def test_grading_autograde_sandboxes_a_course_that_runs_nbgraders_execute(course_dir: Path) -> None:
    with (course_dir / "nbgrader_config.py").open("a") as config:
        config.write("\ndel c.Autograde.autograde_preprocessors\n")
    course = Course(course_dir)
    assert not runs_sandboxed(course)
    nbgraders = Autograde.class_traits()["autograde_preprocessors"].default()
    assert nbgraders[0] is Execute
    assert sandboxed_steps(course) == [SANDBOX_STEP, *nbgraders[1:]]


class Recording(SandboxBackend):
    """Records what it is asked to run; every cell 'times out'."""

    name = "recording"

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[list[dict], Limits]] = []
        self.files: list[tuple[dict[str, str], dict[str, str] | None]] = []

    def command(self) -> list[str]:
        raise AssertionError("not started")

    def run(self, cells: list[dict], files: dict[str, str], limits: Limits,
            shipped: dict[str, str] | None = None) -> dict:
        self.calls.append((cells, limits))
        self.files.append((files, shipped))
        error = {"output_type": "error", "ename": "CellTimeoutError", "evalue": "cell timed out after 5 s",
                 "traceback": [], "injected": "dropped"}
        return {"cells": [{"outputs": [error, "junk", *DISPLAYS], "execution_count": 1,
                           "reason": "cell timed out after 5 s"} for _ in cells], "reason": None}


# what a student's cell may display: only plain text and images that are base64 reach a page
DISPLAYS = [{"output_type": "display_data", "data": {"text/html": "<script>steal()</script>", "text/plain": "x"}},
            {"output_type": "display_data", "data": {"image/png": 'AAAA"><script>steal()</script>'}},
            {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo=\n"}}]


PLAN = """[course]
name = "x"
roster = "roster.csv"
[admission]
threshold = 0.5
[sandbox]
scratch_mb = 64
[[sheets]]
id = "sheet01"
points = 1
due = 2026-10-27T23:59:00+01:00
limits = { cell_timeout = 5 }
"""


@pytest.mark.parametrize(("plan", "sheet", "limits"), [
    (PLAN, "sheet01", Limits(cell_timeout=5, scratch_bytes=64 * MIB)),
    (PLAN, "unplanned", Limits(scratch_bytes=64 * MIB)),
    (None, "sheet01", Limits()),
])
def test_standalone_with_the_course_limits_and_reasons_in_the_notebook(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan: str | None, sheet: str, limits: Limits) -> None:
    if plan:
        (tmp_path / "course.toml").write_text(plan, encoding="utf-8")
    backend = Recording()
    monkeypatch.setattr(execute, "_workers", {"recording": backend})
    config = Config({"CourseDirectory": {"root": str(tmp_path)}, "SandboxExecute": {"backend": "recording"}})
    notebook = nbformat.v4.new_notebook(metadata={"grading": {"sandbox_reasons": []}})  # a forged "no limit hit"
    notebook.cells = [nbformat.v4.new_markdown_cell("x"), nbformat.v4.new_code_cell("while True: pass"),
                      nbformat.v4.new_code_cell("assert f()", metadata={"nbgrader": {"grade": True, "points": 1}})]
    notebook, resources = SandboxExecute(config=config).preprocess(notebook, {"nbgrader": {"assignment": sheet}})
    [(cells, used)] = backend.calls
    assert used == limits
    assert [cell["test"] for cell in cells] == [False, True]
    assert notebook.cells[1].outputs[0].keys() == {"output_type", "ename", "evalue", "traceback"}
    assert [o.get("data") for o in notebook.cells[1].outputs[1:]] == [{"text/plain": "x"}, {},
                                                                      {"image/png": "iVBORw0KGgo=\n"}]
    nbformat.validate(notebook)
    nbformat.write(notebook, tmp_path / "graded.ipynb")
    assert recorded_reasons(tmp_path / "graded.ipynb") == ["cell timed out after 5 s"]
    assert resources["grading"] == {"sandbox_reasons": ["cell timed out after 5 s"]}


def test_the_notebooks_folder_for_the_student_and_the_instructors_copies_for_the_tests(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As nbgrader leaves them: the autograded folder (the student's files, the instructor's copied over them),
    and the course's source folder, which only the judge gets; subfolders kept, notebooks and caches not."""
    submission, source = tmp_path / "autograded" / "s1" / "ps1", tmp_path / "source" / "ps1"
    for folder, helper in ((submission, "pass  # the student's"), (source, "pass  # the instructor's")):
        (folder / "data").mkdir(parents=True)
        (folder / "helpers.py").write_text(helper)
        (folder / "data" / "points.csv").write_text("1,2\n")
        (folder / "ps1.ipynb").write_text("{}")
        (folder / ".ipynb_checkpoints").mkdir()
        (folder / ".ipynb_checkpoints" / "old.py").write_text("x")
    (submission / "huge.bin").write_bytes(b"x" * (execute.MAX_FILE_BYTES + 1))
    backend = Recording()
    monkeypatch.setattr(execute, "_workers", {"recording": backend})
    config = Config({"CourseDirectory": {"root": str(tmp_path)}, "SandboxExecute": {"backend": "recording"}})
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import helpers")])
    _, resources = SandboxExecute(config=config).preprocess(
        notebook, {"nbgrader": {"assignment": "ps1"}, "metadata": {"path": str(submission)}})
    [(files, shipped)] = backend.files
    decoded = [{name: base64.b64decode(data).decode() for name, data in found.items()} for found in (files, shipped)]
    assert decoded == [{"data/points.csv": "1,2\n", "helpers.py": "pass  # the student's"},
                       {"data/points.csv": "1,2\n", "helpers.py": "pass  # the instructor's"}]
    assert resources["grading"]["sandbox_reasons"][0].startswith("huge.bin left out of the sandbox")


def test_without_course_toml_nbgraders_cell_timeout_is_the_limit(tmp_path: Path) -> None:
    assert execute.sheet_limits(tmp_path, "ps1", Config({"Execute": {"timeout": 7}})) == Limits(cell_timeout=7.0)
    assert execute.sheet_limits(tmp_path, "ps1", Config()) == Limits()  # nbgrader's default, 30 s, is ours
    make_course_dir(tmp_path)  # course.toml's [sandbox] decides, whatever nbgrader's config says
    limits = execute.sheet_limits(tmp_path, "sheet01", Config({"Execute": {"timeout": 7}}))
    assert limits.cell_timeout != 7
