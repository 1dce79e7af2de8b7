"""Hostile student code, one attack per submission, graded in one batch through the real pipeline.

Each attack is blocked and recorded in the autograded notebook (or the run's
outcome), and the honest submissions graded in the same batch, by the same warm
workers, score exactly as in a batch of their own.
"""

from __future__ import annotations

import shutil
import socket
import threading
from pathlib import Path

import nbformat
import pytest
from sqlalchemy import text

from grading.autograde import autograde
from grading.collect import collect
from grading.course import Course
from grading.release import release
from grading.simulate import Kind, simulate
from tests.conftest import CELL_TIMEOUT, in_gradebook, make_course_dir
from tests.sandbox.attacks import SITE_PACKAGES, attacks


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory):
    """Two honest students and one per attack, graded in one batch by two warm workers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    connections: list = []
    threading.Thread(target=lambda: connections.append(listener.accept()), daemon=True).start()
    root = make_course_dir(tmp_path_factory.mktemp("hostile") / "course")
    course = Course(root)
    release(course, "sheet01")
    attacks_by_name = attacks(root, listener.getsockname()[1], root / "source" / "sheet01" / "sheet01.ipynb")
    kinds = [Kind.FULL] * (len(attacks_by_name) + 2)
    cohort = simulate(course, "sheet01", n_students=len(kinds), seed=11, kinds=kinds)
    collect(course, "sheet01")
    honest, hostile = list(cohort["id"][:2]), dict(zip(cohort["id"][2:], attacks_by_name, strict=True))
    for student, attack in hostile.items():
        path = course.path("submitted", student, "sheet01") / "sheet01.ipynb"
        notebook = nbformat.read(path, as_version=4)
        cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "center")
        cell.source = attacks_by_name[attack] + "\n" + cell.source
        nbformat.write(notebook, path)
    outcomes = {o.student: o for o in autograde(course, "sheet01", workers=2)}
    listener.close()
    return course, honest, hostile, outcomes, connections


def _center_errors(course: Course, student: str) -> list[str]:
    notebook = nbformat.read(course.path("autograded", student, "sheet01") / "sheet01.ipynb", as_version=4)
    cell = next(c for c in notebook.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "center")
    return [f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]


def _student(hostile: dict[str, str], attack: str) -> str:
    return next(s for s, a in hostile.items() if a == attack)


def test_honest_students_unaffected(batch) -> None:
    course, honest, _, outcomes, _ = batch
    assert all(o.graded for o in outcomes.values()), {s: o.reason for s, o in outcomes.items() if not o.graded}
    with course.gradebook() as gb:
        for student in honest:
            assert gb.find_submission("sheet01", student).code_score == 15
            assert not outcomes[student].limits
            assert _center_errors(course, student) == []


@pytest.mark.parametrize(("attack", "error"), [
    ("read_gradebook", "FileNotFoundError"),
    ("read_source", "FileNotFoundError"),
    ("write_gradebook", "OperationalError: unable to open database file"),
    ("socket", "ConnectionRefusedError"),  # loopback of its own network namespace: nobody listens
    ("fork_bomb", "BlockingIOError"),
    ("write_outside", "FileNotFoundError"),
    ("startup_files", "OSError: [Errno 30] Read-only file system"),
])
def test_attack_is_blocked_and_recorded(batch, attack: str, error: str) -> None:
    course, _, hostile, _, _ = batch
    errors = _center_errors(course, _student(hostile, attack))
    assert any(e.startswith(error) for e in errors), errors


def test_nothing_reached_the_host(batch) -> None:
    course, _, _, _, connections = batch
    assert connections == []
    assert not (course.root / "pwned.txt").exists()
    assert not Path(SITE_PACKAGES, "usercustomize.py").exists()
    with course.gradebook() as gb:
        assert gb.db.execute(text("SELECT COUNT(*) FROM grade WHERE manual_score IS NOT NULL")).scalar() == 0


def test_limits_give_reasons(batch) -> None:
    _, _, hostile, outcomes, _ = batch
    assert "memory limit of 2 GiB exceeded" in outcomes[_student(hostile, "allocate_50GB")].limits
    assert f"cell timed out after {CELL_TIMEOUT:g} s" in outcomes[_student(hostile, "endless_loop")].limits
    killed = outcomes[_student(hostile, "kill_self")].limits
    assert any("killed (signal 9)" in reason for reason in killed), killed


def test_output_is_capped(batch) -> None:
    course, _, hostile, _, _ = batch
    path = course.path("autograded", _student(hostile, "print_1GB"), "sheet01") / "sheet01.ipynb"
    assert path.stat().st_size < 4 * 2**20
    assert "output truncated" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("attack", ["monkeypatch", "rewrite_tests", "thread_repatch", "forge_report"])
def test_wrong_answer_cannot_cheat_the_tests(batch, attack: str) -> None:
    course, _, hostile, _, _ = batch
    student = _student(hostile, attack)
    with course.gradebook() as gb:
        assert gb.find_grade("test_center", "sheet01", "sheet01", student).score == 0


def test_refuses_without_sandbox_unless_unsafe(course_dir: Path, monkeypatch, capsys, warning_unsaid) -> None:
    from grading.errors import GradingError

    monkeypatch.setattr(shutil, "which", lambda name: None)
    in_gradebook(course_dir, "sheet01")
    course = Course(course_dir)
    with pytest.raises(GradingError, match="bubblewrap is not installed"):
        autograde(course, "sheet01", students=[])
    assert autograde(course, "sheet01", students=[], unsafe=True) == []
    assert "WARNING: grading WITHOUT a sandbox" in capsys.readouterr().err
