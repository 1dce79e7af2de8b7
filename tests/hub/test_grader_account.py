"""Staff run the course commands as the grader account, as in a terminal of the formgrader service.

root released the sheet; the grader account collects, autogrades (sandboxed, without root) and
releases feedback through the graders' group, and the student fetches it with their standing.
"""

from __future__ import annotations

import pwd
import subprocess
import sys
from pathlib import Path

import pytest

from grading.release import release
from tests.hub.conftest import Hub, nbgrader_as, run_as

SHEET = "sheet04"  # released here only


def as_grader(hub: Hub, *command: str) -> subprocess.CompletedProcess[str]:
    """`grading COMMAND` as the grader account, with the formgrader service's umask, in the course folder."""
    env = {"HOME": pwd.getpwnam(hub.settings.grader).pw_dir, "LANG": "C.UTF-8",
           "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    return run_as(hub.settings.grader, ["sh", "-c", f"umask 007; grading {' '.join(command)}"], env, hub.course.root)


@pytest.fixture(scope="module")
def student(hub: Hub) -> str:
    """A student who submitted the sheet; the grader account then collected, graded and fed back."""
    release(hub.course, SHEET)
    student = hub.students[9]
    nbgrader_as(hub, student, "fetch_assignment", SHEET)
    nbgrader_as(hub, student, "submit", SHEET)
    for step in ("collect", "autograde", "feedback"):
        result = as_grader(hub, step, SHEET)
        assert result.returncode == 0, f"grading {step}: {result.stderr}"
    nbgrader_as(hub, student, "fetch_feedback", SHEET)
    return student


def test_the_student_fetches_feedback_with_their_standing(hub: Hub, student: str) -> None:
    home = Path(pwd.getpwnam(student).pw_dir)
    (page,) = (home / hub.course.course_id / SHEET / "feedback").glob(f"*/{SHEET}.html")
    text = page.read_text(encoding="utf-8")
    assert 'class="course-standing"' in text and "Exam admission needs" in text
    assert run_as(student, ["cat", str(page)]).returncode == 0


def test_what_the_grader_account_writes_is_the_graders_groups_alone(hub: Hub, student: str) -> None:
    graders = pwd.getpwnam(hub.settings.grader).pw_gid
    for step in ("submitted", "autograded", "feedback"):
        folder = hub.course.path(step, student, SHEET)
        files = [path for path in folder.rglob("*") if path.is_file()]
        assert files and {path.stat().st_gid for path in [folder, *files]} == {graders}, step
        result = run_as(student, ["cat", str(files[0])])
        assert result.returncode != 0 and "Permission denied" in result.stderr, files[0]
