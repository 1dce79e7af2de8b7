"""A deadline rush with `grading serve` running: how soon each student can fetch their score, and none lost.

    .venv/bin/python benchmarks/rush.py [--students 100] [--window 55] [--no-peer]

A simulated cohort (as in benchmarks/autograde.py: full, partial, stub, syntax error, crash, late) fetches
sheet01; then every student submits through the exchange (nbgrader's own submit, the wall clock's time) on a
fixed schedule within WINDOW seconds, while `grading serve` (the command, bubblewrap, one grader per core) runs.
For each submission: the seconds from its submit returning to its feedback being in the exchange, where the
student's Fetch Feedback finds it. Then, on the same collected submissions, the peer: `nbgrader autograde`
(a kernel per notebook) and the floor (their own run time in one warm process, per core).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default import ExchangeSubmit
from nbgrader.utils import notebook_hash
from rich.console import Console
from rich.table import Table

from benchmarks.autograde import HONEST, cell_scores, floor_seconds, make_course, nbgrader_autograde
from grading.course import Course, put_own_tools_on_path
from grading.release import release
from grading.simulate import simulate
from grading.simulate.cohort import SIMULATION_DIR, assign_kinds

SHEET = "sheet01"
READY_TIMEOUT = 600.0  # seconds for the service's graders to start (each imports torch)
DRAIN_TIMEOUT = 600.0  # seconds after the last submission until every feedback must be out


def prepared(course: Course, students: int, seed: int) -> list[str]:
    """The cohort's homes with their answers, fetched; the simulator's own (backdated) submissions removed."""
    kinds = [k for k in assign_kinds(students * 3, np.random.default_rng(seed)) if k in HONEST][:students]
    cohort = simulate(course, SHEET, n_students=students, seed=seed, kinds=kinds)
    inbound = course.exchange_root / course.course_id / "inbound"
    for entry in inbound.iterdir():
        subprocess.run(["rm", "-rf", str(entry)], check=True)
    return list(cohort["id"])


def submit(course: Course, student: str) -> Path:
    """nbgrader's submit from the student's home, now; returns the path of the feedback it will get."""
    home = course.root / SIMULATION_DIR / "homes" / student
    cache = home / ".nbgrader_cache"
    coursedir = CourseDirectory(config=course.config, assignment_id=SHEET, student_id=student)
    sent = ExchangeSubmit(coursedir=coursedir, authenticator=Authenticator(config=course.config),
                          config=course.config, assignment_dir=str(home), cache=str(cache))
    sent.start()
    secret = Path(sent.inbound_path, sent.assignment_filename, "submission_secret.txt").read_text()
    name = notebook_hash(secret=secret, notebook_id=SHEET)
    return course.exchange_root / course.course_id / "feedback" / f"{name}.html"


def start_service(course: Course, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "grading.cli", "--course-dir", str(course.root), "serve", "--interval", "0.5"]
    service = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)})
    deadline = time.monotonic() + READY_TIMEOUT
    while "grading serve: ready" not in log.read_text(errors="replace"):
        if service.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"grading serve did not start:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.2)
    return service


def rush(course: Course, students: list[str], window: float) -> tuple[dict[str, float], float]:
    """Submit on schedule and watch the feedback folder: seconds from submit to feedback per student, and from
    the first submission to the last feedback."""
    pages: dict[str, tuple[float, Path]] = {}
    seen: dict[str, float] = {}  # when the feedback was there
    submitting = threading.Event()
    submitting.set()

    def watch() -> None:
        deadline = float("inf")
        while len(seen) < len(students) and time.monotonic() < deadline:
            if not submitting.is_set() and deadline == float("inf"):
                deadline = time.monotonic() + DRAIN_TIMEOUT
            for student, (_, page) in list(pages.items()):
                if student not in seen and page.exists():
                    seen[student] = time.monotonic()
            time.sleep(0.1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    start = time.monotonic()
    for i, student in enumerate(students):
        time.sleep(max(0.0, start + window * i / len(students) - time.monotonic()))
        page = submit(course, student)
        pages[student] = (time.monotonic(), page)
    submitting.clear()
    watcher.join()
    latency = {student: moment - pages[student][0] for student, moment in seen.items()}
    return latency, max(seen.values(), default=start) - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--window", type=float, default=55.0, help="seconds over which all submit")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-peer", action="store_true", help="skip `nbgrader autograde` (minutes on 2 cores)")
    args = parser.parse_args()
    console = Console()
    put_own_tools_on_path()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        course = make_course(Path(tmp) / "ours")
        release(course, SHEET)
        students = prepared(course, args.students, args.seed)
        service = start_service(course, Path(tmp) / "serve.log")
        try:
            latency, span = rush(course, students, args.window)
        finally:
            service.send_signal(signal.SIGTERM)
            service.wait(120)
        with course.gradebook() as gb:
            graded = {s.student.id for s in gb.find_assignment(SHEET).submissions}
        collected = course.submitted_students(SHEET)
        floor = floor_seconds(course, SHEET, collected) / cores
        peer = None if args.no_peer else nbgrader_autograde(course, Path(tmp) / "nbgrader", SHEET)
        agreeing = None
        if peer is not None:
            ours, theirs = cell_scores(course, SHEET), cell_scores(peer[1], SHEET)
            agreeing = (sum(ours.get(k) == v for k, v in theirs.items()), len(theirs))

    n = len(students)
    times = np.array(sorted(latency.values())) if latency else np.array([float("nan")])
    p50, p95, worst = np.percentile(times, 50), np.percentile(times, 95), times.max()
    table = Table(title=f"deadline rush: {n} students submit {SHEET} within {args.window:.0f} s, grading serve "
                        f"on {cores} cores")
    for column in ("", "submissions", "feedback out", "p50 submit→feedback", "p95", "worst"):
        table.add_column(column, justify="right")
    table.add_row("grading serve (bubblewrap)", str(n), str(len(latency)), f"{p50:.1f} s", f"{p95:.1f} s",
                  f"{worst:.1f} s")
    console.print(table)
    # from the first submission to the last feedback, against the same submissions graded as one batch
    ours_seconds = span
    peers = Table(title="the same submissions, graded as one batch")
    for column in ("", "wall time", "submissions / min"):
        peers.add_column(column, justify="right")
    peers.add_row("grading serve: first submission to last feedback", f"{span:.1f} s", f"{60 * n / span:.0f}")
    if peer is not None:
        peers.add_row("nbgrader autograde", f"{peer[0]:.1f} s", f"{60 * n / peer[0]:.0f}")
    peers.add_row("floor (own execution / cores)", f"{floor:.1f} s", f"{60 * n / floor:.0f}")
    console.print(peers)
    lost = sorted(set(students) - set(latency))
    console.print(f"lost: {len(lost)} (no feedback: {lost[:5]}); graded in the gradebook: {len(graded)} of {n}; "
                  f"collected: {len(collected)}"
                  + (f"; cell scores agreeing with nbgrader: {agreeing[0]} of {agreeing[1]}" if agreeing else ""))
    speed = f"{peer[0] / ours_seconds:.1f}x nbgrader" if peer is not None else "n/a (--no-peer) nbgrader"
    console.print(f"speed-up: {speed}, {ours_seconds / floor:.1f}x over floor, p95 submit-to-feedback: {p95:.1f} s")


if __name__ == "__main__":
    main()
