"""The exchange on the hub: submissions are private, and collect rejects what a student cannot have made.

Students use nbgrader's command line in their own accounts, as in a terminal of their server,
with the configuration the hub gives their servers; attackers write into the exchange directly.
"""

from __future__ import annotations

import grp
import pwd
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from grading.collect import collect
from grading.course import Course
from grading.progress import console
from grading.release import release
from tests.hub.conftest import Hub, nbgrader_as, run_as

SHEET = "sheet03"  # released here: the other hub tests use sheet01 and sheet02
TOLERANCE = 5.0  # seconds; VerifiedCollect's default of 120 is too long to wait for in a test
FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"


def inbound(hub: Hub) -> Path:
    return hub.course.exchange_root / hub.course.course_id / "inbound"


def submit(hub: Hub, student: str) -> Path:
    """Fetch and submit the sheet as the student; returns their submission folder in inbound."""
    nbgrader_as(hub, student, "fetch_assignment", SHEET)
    nbgrader_as(hub, student, "submit", SHEET)
    (folder,) = inbound(hub).glob(f"{student}+{SHEET}+*")
    return folder


def forge(hub: Hub, attacker: str, claimed_student: str, claimed: datetime, link: Path | None = None) -> None:
    """As `attacker`, write a submission folder in nbgrader's layout into inbound, claiming a student and a time."""
    stamp = claimed.strftime(FORMAT)
    folder = inbound(hub) / f"{claimed_student}+{SHEET}+{stamp}+forged"
    released = hub.course.exchange_root / hub.course.course_id / "outbound" / SHEET / f"{SHEET}.ipynb"
    notebook = f"ln -s '{link}' '{folder}/{SHEET}.ipynb'" if link else f"cp '{released}' '{folder}/'"
    result = run_as(attacker, ["sh", "-c", f"mkdir '{folder}' && printf %s '{stamp}' > '{folder}/timestamp.txt' && "
                                           + notebook])
    assert result.returncode == 0, result.stderr


@dataclass
class Attempts:
    victim: str  # submitted honestly; another student then submitted in the victim's name
    forger: str
    backdater: str  # has only a submission claiming an hour ago
    linker: str  # has only a submission whose notebook links to the sheet's source, hidden tests and all
    editor: str  # submitted honestly, then changed the notebook in the exchange
    genuine: Path  # the victim's own submission
    collected: list[str]
    printed: str  # what `grading collect` printed


@pytest.fixture(scope="module")
def attempts(hub: Hub) -> Attempts:
    release(hub.course, SHEET)
    victim, forger, backdater, linker, editor = hub.students[2:7]
    genuine = submit(hub, victim)
    forge(hub, forger, victim, datetime.now(UTC))
    forge(hub, backdater, backdater, datetime.now(UTC) - timedelta(hours=1))
    forge(hub, linker, linker, datetime.now(UTC), link=hub.course.root / "source" / SHEET / f"{SHEET}.ipynb")
    edited = submit(hub, editor) / f"{SHEET}.ipynb"
    time.sleep(TOLERANCE + 1)
    assert run_as(editor, ["sh", "-c", f"echo ' ' >> '{edited}'"]).returncode == 0
    course = Course(hub.course.root)
    course.config.VerifiedCollect.timestamp_tolerance = TOLERANCE
    with console.capture() as printed:
        collected = collect(course, SHEET)
    return Attempts(victim, forger, backdater, linker, editor, genuine, collected, printed.get())


def rejection(attempts: Attempts, student: str) -> str:
    """What collect printed about the submission(s) in a student's name."""
    lines = [line for line in attempts.printed.splitlines() if line.startswith(f"Rejected submission {student}+")]
    assert len(lines) == 1, attempts.printed
    return lines[0]


def test_submission_is_private_to_its_student_and_the_graders(hub: Hub, attempts: Attempts) -> None:
    folder, other = attempts.genuine, hub.students[7]
    graders = grp.getgrnam(hub.settings.graders_group).gr_gid
    assert (folder.stat().st_uid, folder.stat().st_gid) == (pwd.getpwnam(attempts.victim).pw_uid, graders)
    assert folder.stat().st_mode & 0o777 == 0o750
    assert {(path.stat().st_mode & 0o777, path.stat().st_gid) for path in folder.iterdir()} == {(0o640, graders)}
    home = pwd.getpwnam(attempts.victim).pw_dir  # holds nbgrader's cached copy of the submission
    for command in (["ls", str(inbound(hub))], ["cat", f"{folder}/{SHEET}.ipynb"], ["ls", home]):
        result = run_as(other, command)
        assert result.returncode != 0 and "Permission denied" in result.stderr, (command, result)
    assert run_as(hub.settings.grader, ["cat", f"{folder}/{SHEET}.ipynb"]).returncode == 0


def test_a_submission_in_another_students_name_is_rejected(hub: Hub, attempts: Attempts) -> None:
    assert re.search(rf"\+forged: \. belongs to {attempts.forger}, not to {attempts.victim}$",
                     rejection(attempts, attempts.victim))
    assert attempts.victim in attempts.collected
    collected = hub.course.path("submitted", attempts.victim, SHEET) / "timestamp.txt"
    assert collected.read_text() == (attempts.genuine / "timestamp.txt").read_text(), "the real one is collected"


@pytest.mark.parametrize(
    ("who", "reason"),
    [
        ("backdater", r"changed 36\d\d s after the time it claims .*: backdated, or edited after submitting"),
        ("linker", rf"{SHEET}\.ipynb is a symbolic link"),
        ("editor", r"changed \d+ s after the time it claims .*: backdated, or edited after submitting"),
    ],
)
def test_a_submission_changed_by_its_student_is_rejected(hub: Hub, attempts: Attempts, who: str, reason: str) -> None:
    student = getattr(attempts, who)
    assert re.search(reason, rejection(attempts, student))
    assert f"Nothing collected for {student}: every submission was rejected" in attempts.printed
    assert student not in attempts.collected
    assert not hub.course.path("submitted", student, SHEET).exists()
