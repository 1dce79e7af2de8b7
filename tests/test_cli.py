"""The command line turns every user error into one clear line naming the file, and exit code 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from grading.cli import main


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
