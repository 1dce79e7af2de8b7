"""The command line turns every user error into one clear line naming the file, and exit code 1."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pamela
import pytest

from grading.cli import main
from grading.hub.passwords import hand_out, read_passwords
from grading.hub.ports import free_port
from grading.hub.users import ensure_user
from grading.roster import write_roster
from grading.simulate import make_roster


def test_not_a_course_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--course-dir", str(tmp_path), "admission"]) == 1
    assert "nbgrader_config.py: not found" in capsys.readouterr().err


def test_broken_plan_is_named(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = course_dir / "course.toml"
    plan.write_text(plan.read_text().replace("points = 20", "points = 0"), encoding="utf-8")
    assert main(["--course-dir", str(course_dir), "release", "sheet01"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "course.toml: sheets[0].points must be positive" in err


def test_unknown_sheet(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--course-dir", str(course_dir), "collect", "sheet42"]) == 1
    assert "no sheet 'sheet42'" in capsys.readouterr().err


def test_hub_needs_the_staff_in_the_plan(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = course_dir / "course.toml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text[: text.index("\n[hub]\n")] + text[text.index("\n[[sheets]]\n"):], encoding="utf-8")
    assert main(["--course-dir", str(course_dir), "hub"]) == 1
    assert "course.toml: no [hub] table: name the instructor" in " ".join(capsys.readouterr().err.split())


def test_hub_refuses_roster_ids_that_cannot_be_user_names(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    roster = make_roster(2).assign(id=["ab123", "Anna M."])
    write_roster(roster, course_dir / "roster.csv")
    assert main(["--course-dir", str(course_dir), "hub", "--port", str(free_port())]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "roster.csv: student id 'Anna M.' cannot be a user name on the hub" in err


def test_hub_resets_one_persons_password(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    person = f"cli{os.getpid()}"
    ensure_user(person)
    try:
        (course_dir / ".hub").mkdir(mode=0o700)  # as `grading hub` left it
        hand_out(course_dir / ".hub" / "passwords.csv", {person: ("Anna Müller", "anna@example.edu")})
        assert main(["--course-dir", str(course_dir), "hub", "--reset-password", person]) == 0
        printed = " ".join(capsys.readouterr().err.split())
        new = read_passwords(course_dir / ".hub" / "passwords.csv")[person]["password"]
        assert f"new password of {person}: {new}" in printed
        pamela.authenticate(person, new, service="login")
        assert main(["--course-dir", str(course_dir), "hub", "--reset-password", "nobody-here"]) == 1
        assert "passwords.csv: 'nobody-here' is not on the hub's list" in " ".join(capsys.readouterr().err.split())
    finally:
        subprocess.run(["userdel", "--force", "--remove", person], capture_output=True, check=False)
