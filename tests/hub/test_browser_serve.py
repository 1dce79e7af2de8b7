"""Feedback without a TA: a student submits in JupyterLab and, seconds later, fetches their score in the
Assignments panel, graded by `grading serve` (run as the hub runs its managed service: the grader account, in
the course folder, with the hub's exchange and gradebook)."""

from __future__ import annotations

import grp
import os
import pwd
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Browser, expect

from tests.hub import lab
from tests.sheets.harness import graded_test_cells

SHEET = "sheet01"
READY_TIMEOUT = 300.0  # seconds for the service's grader to start its sandbox on a busy machine
FEEDBACK_TIMEOUT = 120.0  # seconds from Submit until the panel offers the feedback


@pytest.fixture(scope="module")
def service(hub) -> Iterator[Path]:
    """`grading serve` as the grader account, as hub/jupyterhub_config.py starts it; its log."""
    settings, log = hub.settings, Path(hub.settings.state_dir).parent / "serve.log"
    grader = pwd.getpwnam(settings.grader)
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": grader.pw_dir,
           "GRADING_EXCHANGE": settings.exchange, "GRADING_DB_URL": settings.db_url,
           **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"}}  # this checkout's grading, if set
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "grading.cli", "serve", "--workers", "1", "--interval", "0.5"],
            cwd=settings.course_root, env=env, stdout=output, stderr=subprocess.STDOUT, user=grader.pw_uid,
            group=grader.pw_gid, extra_groups=[grp.getgrnam(settings.graders_group).gr_gid])
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while "grading serve: ready" not in log.read_text(errors="replace"):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            time.sleep(0.5)
        yield log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


def test_student_sees_the_score_after_submitting_without_a_ta(hub, service: Path, browser: Browser) -> None:
    student = hub.students[13]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        lab.login(page, hub.url, student, hub.password(student))
        lab.fetch(page, SHEET)
        lab.submit(page, SHEET)  # the released sheet as fetched: every autograded check fails
        submitted = time.monotonic()
        while "feedback released to 1" not in service.read_text(errors="replace"):  # the student waits a little
            assert time.monotonic() - submitted < FEEDBACK_TIMEOUT, service.read_text(errors="replace")[-3000:]
            page.wait_for_timeout(500)
        seconds = time.monotonic() - submitted
        lab.fetch_feedback(page, SHEET)
        body = lab.open_feedback(page, SHEET, SHEET)
        source = nbformat.read(hub.course.root / "source" / SHEET / f"{SHEET}.ipynb", as_version=4)
        autograded = sum(graded_test_cells(source).values())  # the written answers are the TA's, later
        expect(body.locator(".early-score")).to_contain_text(f"Autograded: 0 of {autograded:g} points")
        print(f"\nscore in the Assignments panel {seconds:.1f} s after submitting")
    finally:
        context.close()
