"""Exam admission: points per sheet from the gradebook against the threshold of the course plan."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from grading.course import Course
from grading.gradebook import read_scores, read_students
from grading.plan import CoursePlan
from grading.roster import COLUMNS, read_roster

ADMITTED = "admitted"
NOT_ADMITTED = "not admitted"


def admission_table(scores: pd.DataFrame, roster: pd.DataFrame, plan: CoursePlan) -> pd.DataFrame:
    """One row per student: roster columns, points per planned sheet, total, percent, status.

    Pure: scores (student, sheet, points) and roster in, table out. Students with
    scores but missing from the roster are kept, with empty names, and warned about.
    """
    points = (
        scores.pivot_table(index="student", columns="sheet", values="points", aggfunc="sum")
        .reindex(columns=plan.sheet_ids)
        .rename_axis(index="id", columns=None)
    )
    unknown = sorted(set(points.index) - set(roster["id"]))
    if unknown:
        warnings.warn(f"students in the gradebook but not in the roster: {', '.join(unknown)}", stacklevel=2)
    table = roster[COLUMNS].merge(points, left_on="id", right_index=True, how="outer")
    table[COLUMNS] = table[COLUMNS].fillna("")
    table[plan.sheet_ids] = table[plan.sheet_ids].fillna(0.0)
    table["total"] = table[plan.sheet_ids].sum(axis=1)
    table["percent"] = (100 * table["total"] / plan.total_points).round(2)
    needed = plan.admission_threshold * plan.total_points
    table["status"] = [ADMITTED if total >= needed - 1e-9 else NOT_ADMITTED for total in table["total"]]
    return table.sort_values("id", kind="stable").reset_index(drop=True)


def write_admission(course: Course, path: Path) -> tuple[Path, pd.DataFrame]:
    """Read the gradebook and roster, write the exam office's CSV (UTF-8, RFC 4180 quoting)."""
    scores = read_scores(course.db_url, course.course_id)
    roster_path = course.plan.roster
    roster = read_roster(roster_path) if roster_path.exists() else read_students(course.db_url).assign(matriculation="")
    table = admission_table(scores, roster, course.plan)
    write_csv(table, path)
    return path, table


def write_csv(table: pd.DataFrame, path: Path) -> None:
    """UTF-8, a header row, fields quoted where RFC 4180 needs it, numbers without trailing zeros."""
    table.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", float_format="%.10g")
