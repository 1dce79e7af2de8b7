"""Faults injected into `grading autograde`: the grader killed at random moments, a full disk, a read-only course
directory, a locked SQLite gradebook, the PostgreSQL server stopped mid-run. Each ends with a clear message or a
failed submission naming the cause, nothing counts as graded that was not, and the rerun completes.

The figures of the closing note's fault table are printed (run with -s to see them)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from grading.autograde import autograde, pending, state_path
from grading.cli import main
from grading.collect import collect
from grading.course import Course
from grading.errors import GradingError
from grading.exports import write_reports
from grading.release import release
from grading.simulate import Kind, simulate
from tests.conftest import gradebook_contents, make_course_dir
from tests.postgres import PostgresServer, on_postgres

SHEET = "sheet01"
KILLS = 4  # random moments; each costs a grader start (its pool and warm sandbox workers)


def _prepared(root: Path, students: int = 4, course: Course | None = None) -> tuple[Course, list[str]]:
    course = course or Course(make_course_dir(root))
    release(course, SHEET)
    ids = sorted(simulate(course, SHEET, n_students=students, seed=4, kinds=[Kind.FULL] * students)["id"])
    collect(course, SHEET)
    return course, ids


def _truly_graded(course: Course, students: list[str]) -> set[str]:
    """Independently of the grader's own bookkeeping: full marks in the gradebook and a whole autograded notebook."""
    done = set()
    with course.gradebook() as gb:
        for student in students:
            try:
                score = gb.find_submission(SHEET, student).code_score
                json.loads((course.path("autograded", student, SHEET) / f"{SHEET}.ipynb").read_text())
            except Exception:  # missing submission or notebook, half-written notebook: not graded
                continue
            if score == 15:
                done.add(student)
    return done


def _check_nothing_claimed(course: Course, students: list[str]) -> set[str]:
    """What the grader counts as graded is graded; returns it."""
    claimed = set(students) - set(pending(course, SHEET, students))
    assert claimed <= _truly_graded(course, students)
    return claimed


def _admission(course: Course) -> bytes:
    now = course.plan.sheet(SHEET).due + timedelta(days=1)
    return write_reports(course, course.root, now)[1][0].read_bytes()


def _grader(course: Course) -> subprocess.Popen:
    command = [sys.executable, "-m", "grading.cli", "--course-dir", str(course.root), "autograde", SHEET,
               "--workers", "2"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _kill_at_random(course: Course, moment: float) -> None:
    run = _grader(course)
    time.sleep(moment)
    os.killpg(run.pid, signal.SIGKILL)  # the grader, its pool and sandbox workers at once
    run.wait()


def test_killed_at_random_moments_loses_and_doubles_nothing(tmp_path: Path) -> None:
    course, students = _prepared(tmp_path / "killed")
    reference = Course(shutil.copytree(course.root, tmp_path / "uninterrupted"))
    started = time.monotonic()
    assert _grader(reference).wait() == 0
    run_time = time.monotonic() - started  # the kills fall anywhere in a whole run, start-up included
    rng = random.Random(13)
    finished: dict[str, int] = {}  # student -> mtime of the record when first counted graded
    kills = 0
    while kills < KILLS and pending(course, SHEET, students):  # a kill only counts while there is work left
        _kill_at_random(course, rng.uniform(0.5, run_time))
        kills += 1
        for student in _check_nothing_claimed(course, students):
            finished.setdefault(student, state_path(course, SHEET, student).stat().st_mtime_ns)
        with course.gradebook() as gb:  # one submission row per student, whatever was interrupted
            assert len(gb.find_assignment(SHEET).submissions) <= len(students)
    rest = autograde(course, SHEET, workers=2)
    assert {o.student for o in rest} == set(students) - set(finished)
    regraded = [s for s, mtime in finished.items() if state_path(course, SHEET, s).stat().st_mtime_ns != mtime]
    lost = set(students) - _truly_graded(course, students)
    print(f"\nfault table: SIGKILL at random moments | runs {kills} | lost {len(lost)} | double-graded "
          f"{len(regraded)} | graded before a kill {len(finished)} of {len(students)}")
    assert lost == set() and regraded == []
    pd.testing.assert_frame_equal(gradebook_contents(course), gradebook_contents(reference))
    assert _admission(course) == _admission(reference)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs to hold the course directory (as root, like the tests of the hub)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "--lazy", str(mount)], check=True)


def _fill(disk: Path, leave_kb: int) -> Path:
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free - leave_kb * 1024
    with filler.open("wb") as out:
        out.truncate(0)
        out.write(b"\0" * max(free, 0))
    return filler


def test_full_disk_read_only_directory_then_rerun(small_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course, students = _prepared(small_disk / "course", students=3)
    filler = _fill(small_disk, leave_kb=0)
    assert main(["--course-dir", str(course.root), "autograde", SHEET, "--workers", "2"]) == 1
    error = capsys.readouterr().err
    assert "No space left on device" in error or "disk is full" in error, error
    assert _check_nothing_claimed(course, students) == set()
    filler.unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        assert main(["--course-dir", str(course.root), "autograde", SHEET]) == 1
        error = capsys.readouterr().err
        assert f"{course.root / '.grading' / 'locks' / SHEET}.lock: cannot take the lock" in error, error
        assert "Read-only file system" in error
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert all(o.graded for o in autograde(course, SHEET, workers=2))
    assert _check_nothing_claimed(course, students) == set(students)


def test_sqlite_gradebook_locked_by_another_process(tmp_path: Path) -> None:
    course, students = _prepared(tmp_path / "locked", students=2)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time; db = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "db.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(120)"),
        str(course.root / "gradebook.db")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(GradingError, match=r"gradebook\.db.*database is locked"):
            autograde(course, SHEET, workers=2)
    finally:
        holder.kill()
        holder.wait()
    assert _check_nothing_claimed(course, students) == set()
    assert all(o.graded for o in autograde(course, SHEET, workers=2))
    assert _check_nothing_claimed(course, students) == set(students)


def test_postgresql_stopped_mid_run(postgres: PostgresServer, tmp_path: Path) -> None:
    course = on_postgres(make_course_dir(tmp_path / "pg-stopped"), postgres.database("stopped"))
    course, students = _prepared(course.root, students=4, course=course)
    records = course.root / ".grading" / "state" / SHEET

    def stop_after_first() -> None:
        deadline = time.monotonic() + 300
        while not list(records.glob("*.json")) and time.monotonic() < deadline:
            time.sleep(0.05)
        postgres.stop()

    stopper = threading.Thread(target=stop_after_first)
    stopper.start()
    try:
        outcomes = autograde(course, SHEET, workers=1)
    finally:
        stopper.join()
        postgres.start()
    failed = [o for o in outcomes if not o.graded]
    assert failed, outcomes
    assert all("127.0.0.1" in o.reason and str(postgres.port) in o.reason for o in failed), failed
    claimed = _check_nothing_claimed(course, students)
    assert claimed == {o.student for o in outcomes if o.graded}
    rest = autograde(course, SHEET, workers=2)
    assert {o.student for o in rest} == set(students) - claimed and all(o.graded for o in rest)
    assert _check_nothing_claimed(course, students) == set(students)
    print(f"\nfault table: PostgreSQL stopped mid-run | runs 1 | lost 0 | double-graded 0 | "
          f"failed with the server's address {len(failed)} of {len(students)}")
