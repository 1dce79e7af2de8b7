"""The roster: who takes the course, with what the exam office needs to identify them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from grading.errors import GradingError

COLUMNS = ["id", "first_name", "last_name", "email", "matriculation"]


def read_roster(path: Path) -> pd.DataFrame:
    """Read roster.csv; every value stays text (matriculation numbers may start with 0)."""
    try:
        roster = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise GradingError(f"{path}: roster not found") from None
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise GradingError(f"{path}: cannot be read as a UTF-8 CSV file: {exc}") from None
    missing = [column for column in COLUMNS if column not in roster.columns]
    if missing:
        raise GradingError(f"{path}: missing column(s) {', '.join(missing)} (expected {', '.join(COLUMNS)})")
    empty = roster.index[roster["id"].str.strip() == ""]
    if len(empty):
        raise GradingError(f"{path}: row {empty[0] + 2} has no student id")
    duplicated = roster["id"][roster["id"].duplicated()]
    if len(duplicated):
        raise GradingError(f"{path}: student id(s) listed twice: {', '.join(sorted(set(duplicated)))}")
    return roster[COLUMNS]


def write_roster(roster: pd.DataFrame, path: Path) -> None:
    roster[COLUMNS].to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def sync_to_gradebook(roster: pd.DataFrame, gradebook) -> None:
    """Create or update every student in nbgrader's gradebook so the formgrader shows names."""
    for student in roster.itertuples(index=False):
        gradebook.update_or_create_student(
            student.id, first_name=student.first_name, last_name=student.last_name, email=student.email
        )
