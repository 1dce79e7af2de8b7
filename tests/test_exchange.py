"""VerifiedCollect turns away submissions their student cannot have made, and checks nothing in the local demo.

Real folders and real system users (root, nobody); the whole path through a hub with student
accounts is in tests/hub/test_exchange.py.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config

from grading.exchange import VerifiedCollect

FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"


def _submission(inbound: Path, student: str, off: timedelta = timedelta(0), txt_off: timedelta | None = None) -> Path:
    """A submission folder as nbgrader's submit leaves it, its name claiming now + off (timestamp.txt: + txt_off)."""
    now = datetime.now(UTC)
    folder = inbound / f"{student}+sheet01+{(now + off).strftime(FORMAT)}+rAnd0m"
    folder.mkdir(parents=True)
    (folder / "sheet01.ipynb").write_text("{}", encoding="utf-8")
    (folder / "timestamp.txt").write_text((now + (off if txt_off is None else txt_off)).strftime(FORMAT))
    return folder


def _rejection(folder: Path, **settings: float) -> str | None:
    config = Config({"VerifiedCollect": settings})
    collector = VerifiedCollect(coursedir=CourseDirectory(config=config), config=config)
    return collector._path_to_record(str(folder))["rejected"]


def test_students_who_are_not_system_users_are_not_checked(tmp_path: Path) -> None:
    """The local demo: root owns every file and the simulated clock is far from the file system's."""
    assert _rejection(_submission(tmp_path, "jm123", -timedelta(days=30))) is None


def test_a_sound_submission_is_accepted(tmp_path: Path) -> None:
    assert _rejection(_submission(tmp_path, "root")) is None


def test_a_submission_owned_by_someone_else_is_rejected(tmp_path: Path) -> None:
    assert _rejection(_submission(tmp_path, "nobody")) == ". belongs to root, not to nobody"


def test_a_symbolic_link_is_rejected(tmp_path: Path) -> None:
    folder = _submission(tmp_path, "root")
    os.symlink("/etc/shadow", folder / "notes.txt")
    assert _rejection(folder) == "notes.txt is a symbolic link"


@pytest.mark.parametrize(
    ("off", "txt_off", "reason"),
    [
        (-timedelta(hours=1), None, r"changed 360\d s after the time it claims .*backdated, or edited"),
        (timedelta(hours=1), None, r"claims a time .* 3[56]\d\d s after its files were written"),
        (timedelta(0), -timedelta(hours=1), r"timestamp.txt says .* but the folder name says"),
    ],
)
def test_a_claimed_time_the_file_system_contradicts_is_rejected(
    tmp_path: Path, off: timedelta, txt_off: timedelta | None, reason: str
) -> None:
    rejection = _rejection(_submission(tmp_path, "root", off, txt_off))
    assert rejection is not None and re.search(reason, rejection), rejection


def test_the_time_check_can_be_turned_off(tmp_path: Path) -> None:
    """After restoring the exchange from a backup every ctime is new."""
    assert _rejection(_submission(tmp_path, "root", -timedelta(hours=1)), timestamp_tolerance=0) is None
