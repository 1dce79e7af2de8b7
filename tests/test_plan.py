"""Errors in course.toml name the file, the key and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from grading.plan import PlanError, load_plan

VALID = """
[course]
name = "x"
admission_threshold = 0.5
roster = "roster.csv"

[[sheets]]
id = "sheet01"
points = 20
due = 2026-10-27T23:59:00+01:00

[[sheets]]
id = "sheet02"
points = 10
due = 2026-11-03T23:59:00+01:00
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "course.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_plan(tmp_path: Path) -> None:
    plan = load_plan(_write(tmp_path, VALID))
    assert plan.sheet_ids == ["sheet01", "sheet02"]
    assert plan.total_points == 30
    assert plan.roster == tmp_path / "roster.csv"
    assert plan.sheet("sheet02").due.utcoffset().total_seconds() == 3600


def test_repository_plan_is_valid() -> None:
    plan = load_plan(Path(__file__).resolve().parent.parent / "course.toml")
    assert "sheet01" in plan.sheet_ids


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("points = 20", 'points = "twenty"', r"sheets\[0\]\.points must be a int or float, got 'twenty'"),
        ("points = 20", "points = -1", r"sheets\[0\]\.points must be positive"),
        ("points = 10", "", r"sheets\[1\]\.points is missing"),
        ("due = 2026-11-03T23:59:00+01:00", "due = 2026-11-03T23:59:00", r"sheets\[1\]\.due must include a UTC offset"),
        ('id = "sheet02"', 'id = "sheet01"', r"sheets\[1\]\.id 'sheet01' is planned twice"),
        ("admission_threshold = 0.5", "admission_threshold = 50", r"course\.admission_threshold must be a share"),
        ('roster = "roster.csv"', "", r"course\.roster is missing"),
        ("[course]", "[course", "not valid TOML"),
    ],
)
def test_errors_name_file_and_key(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = _write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(PlanError, match=message) as error:
        load_plan(path)
    assert str(error.value).startswith(str(path))


def test_missing_file_and_unknown_sheet(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="course plan not found"):
        load_plan(tmp_path / "course.toml")
    with pytest.raises(PlanError, match="no sheet 'sheet99'"):
        load_plan(_write(tmp_path, VALID)).sheet("sheet99")
