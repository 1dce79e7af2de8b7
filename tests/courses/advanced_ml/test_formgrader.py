"""A TA grades a Course B report in nbgrader's formgrader, in a real browser, with the rubric in view."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from grading.hub.ports import free_port
from tests.courses.advanced_ml.conftest import Semester

RUBRIC = ("Method", "Results", "Discussion")  # the criteria of the rubric table above the report


@pytest.fixture(scope="module")
def formgrader(semester: Semester) -> Iterator[tuple[str, str]]:
    """A Jupyter server in the course directory (nbgrader's formgrader is one of its extensions)."""
    port, token = free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "server", "--allow-root", "--no-browser", "--ip=127.0.0.1",
         f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={semester.course.root}"],
        cwd=semester.course.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("the Jupyter server with the formgrader did not start")
            time.sleep(1)
    yield url, token
    server.terminate()
    server.wait(timeout=30)


def test_ta_grades_report_with_rubric_in_view(semester: Semester, formgrader: tuple[str, str],
                                              browser: Browser) -> None:
    url, token = formgrader
    student = semester.students[3]  # a stub submission of the coding path, whose report a TA grades anyway
    notebooks = f"{url}/formgrader/api/submitted_notebooks/project1-rnn/project1-rnn?token={token}"
    with urllib.request.urlopen(notebooks) as reply:
        (submission,) = [s for s in json.load(reply) if s["student"] == student]
    context = browser.new_context(extra_http_headers={"Authorization": f"token {token}"})  # the TA is logged in
    page = context.new_page()
    try:
        page.goto(f"{url}/formgrader/submissions/{submission['id']}/")
        for criterion in RUBRIC:
            expect(page.get_by_text(criterion, exact=True).first).to_be_visible()
        score = page.locator("input.score#report")
        expect(score).to_be_visible()
        score.fill("25")
        score.press("Tab")  # the formgrader saves a score when the field loses focus
        deadline, saved = time.monotonic() + 30, None
        while saved != (25, False) and time.monotonic() < deadline:
            time.sleep(0.5)
            with semester.course.gradebook() as gb:
                grade = gb.find_grade("report", "project1-rnn", "project1-rnn", student)
                saved = (grade.manual_score, grade.needs_manual_grade)
        assert saved == (25, False)
    finally:
        context.close()
