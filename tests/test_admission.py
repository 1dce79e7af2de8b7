"""The admission list agrees with nbgrader's gradebook and survives a round trip through CSV."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from grading.admission import ADMITTED, NOT_ADMITTED, admission_table, write_admission, write_csv
from grading.plan import CoursePlan, Sheet
from grading.roster import COLUMNS, read_roster, write_roster
from tests.conftest import GradedCohort


def _plan(*points: float, threshold: float = 0.5) -> CoursePlan:
    due = datetime(2026, 11, 1, tzinfo=UTC)
    sheets = tuple(Sheet(f"sheet{i + 1:02d}", "", p, due) for i, p in enumerate(points))
    return CoursePlan(Path("course.toml"), "test", threshold, Path("roster.csv"), sheets)


def _roster(*ids: str) -> pd.DataFrame:
    return pd.DataFrame([{c: f"{i}-{c}" if c != "id" else i for c in COLUMNS} for i in ids])


def _scores(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["student", "sheet", "points"])


def test_table_agrees_with_gradebook_for_every_student(graded_cohort: GradedCohort) -> None:
    course = graded_cohort.course
    _, table = write_admission(course, course.root / "admission.csv")
    assert sorted(table["id"]) == sorted(graded_cohort.cohort["id"])
    with course.gradebook() as gb:
        for row in table.itertuples():
            try:
                submission = gb.find_submission("sheet01", row.id)
                expected = submission.score - submission.late_submission_penalty
            except Exception:  # nbgrader raises MissingEntry for a student without submission
                expected = 0.0
            assert row.sheet01 == pytest.approx(expected), row.id
            assert row.total == row.sheet01
            assert row.percent == pytest.approx(round(100 * expected / 20, 2))
            assert row.status == (ADMITTED if expected >= 10 else NOT_ADMITTED)


def test_threshold_is_inclusive_and_counts_all_planned_sheets() -> None:
    scores = _scores([("a", "sheet01", 10), ("b", "sheet01", 9.5), ("b", "sheet02", 0.5), ("c", "sheet01", 9.99)])
    table = admission_table(scores, _roster("a", "b", "c", "d"), _plan(10, 10)).set_index("id")
    assert table.loc["a", "status"] == ADMITTED
    assert table.loc["b", "total"] == 10 and table.loc["b", "status"] == ADMITTED
    assert table.loc["c", "status"] == NOT_ADMITTED
    assert table.loc["d", "total"] == 0 and table.loc["d", "status"] == NOT_ADMITTED
    assert table.loc["a", "percent"] == 50


def test_students_missing_from_roster_are_kept_and_warned_about() -> None:
    with pytest.warns(UserWarning, match="not in the roster: zz"):
        table = admission_table(_scores([("zz", "sheet01", 7)]), _roster("a"), _plan(20))
    assert list(table["id"]) == ["a", "zz"]
    assert table.set_index("id").loc["zz", "sheet01"] == 7


def test_csv_round_trip_keeps_names_commas_and_quotes(tmp_path: Path) -> None:
    roster = pd.DataFrame(
        [
            ("x1", 'Zoë, "Zo"', "Øvrebø", "z@x.de", "0012345"),
            ("x2", "Şebnem", "O'Brien, Jr.", "s@x.de", "3000001"),
            ("x3", "Line\nBreak", "Nguyễn", "n@x.de", "3999999"),
        ],
        columns=COLUMNS,
    )
    write_roster(roster, tmp_path / "roster.csv")
    pd.testing.assert_frame_equal(read_roster(tmp_path / "roster.csv"), roster, check_dtype=False)
    table = admission_table(_scores([("x1", "sheet01", 12.5), ("x3", "sheet01", 3)]), roster, _plan(20))
    write_csv(table, tmp_path / "admission.csv")
    with (tmp_path / "admission.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["first_name"] for r in rows] == list(roster["first_name"])
    assert [r["last_name"] for r in rows] == list(roster["last_name"])
    assert [r["matriculation"] for r in rows] == ["0012345", "3000001", "3999999"]
    assert [r["sheet01"] for r in rows] == ["12.5", "0", "3"]
    assert [r["status"] for r in rows] == [ADMITTED, NOT_ADMITTED, NOT_ADMITTED]
