"""The files people read: the exam office's CSV (Course A admission.csv, Course B
final_grades.csv), grades.csv (one row per student and sheet), items.csv (one row per sheet and
test cell), report.html and the learning platforms' grade-import files (grading/platforms.py)."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from rich.table import Table

from grading.admission import Standing, compute_standing
from grading.course import Course
from grading.items import item_analysis
from grading.plan import CoursePlan, PlanError
from grading.platforms import PLATFORM_FILES
from grading.policy.standing import counted_sheets, track_columns
from grading.progress import console
from grading.report import write_html_report
from grading.roster import COLUMNS

EXPORT_LOG = Path(".grading") / "exports.log"


def default_columns(plan: CoursePlan) -> list[str]:
    result = ["percent", "grade"] if plan.letter_cutoffs else ["bonus", "points", "max_total", "percent", "status"]
    return [*COLUMNS, *plan.sheet_ids, *track_columns(plan), *result]



def write_csv(table: pd.DataFrame, path: Path, columns: list[str] | None = None) -> Path:
    """UTF-8, a header row, fields quoted where RFC 4180 needs it, numbers without trailing zeros."""
    columns = columns or list(table.columns)
    unknown = [c for c in columns if c not in table.columns]
    if unknown:
        raise ValueError(f"unknown column(s) {', '.join(unknown)}; known: {', '.join(table.columns)}")
    table[columns].to_csv(path, index=False, encoding="utf-8", lineterminator="\n", float_format="%.10g")
    return path


def grades_table(result: Standing) -> pd.DataFrame:
    """One row per student and planned sheet: raw score, late penalty, credited points, late, excused."""
    plan = result.plan
    long = result.table.melt(id_vars=["id"], value_vars=plan.sheet_ids, var_name="sheet", value_name="credited")
    own = result.scores.rename(columns={"student": "id"})[["id", "sheet", "score", "penalty", "late"]]
    grades = long.merge(own, on=["id", "sheet"], how="left")
    grades["submitted"] = grades["score"].notna()
    grades["excused"] = [plan.excused.get((i, s), "") for i, s in zip(grades["id"], grades["sheet"], strict=True)]
    grades["late"] = grades["late"].astype("boolean").fillna(False).astype(bool)
    extra = []
    if plan.has_tracks:  # which sheets make the student's grade: their track's slots, the counted variant of each
        counted = result.table.set_index("id").apply(lambda row: counted_sheets(row, plan), axis=1)
        grades["track"] = grades["id"].map(result.table.set_index("id")["track"])
        grades["counts"] = [sheet in counted[i] for i, sheet in zip(grades["id"], grades["sheet"], strict=True)]
        extra = ["track", "counts"]
    order = {sheet: i for i, sheet in enumerate(plan.sheet_ids)}
    grades = grades.sort_values(["id", "sheet"], key=lambda c: c.map(order) if c.name == "sheet" else c)
    return grades[["id", "sheet", "submitted", "score", "penalty", "late", "credited", "excused", *extra]]


def write_reports(course: Course, out_dir: Path, now: datetime | None = None) -> tuple[Standing, list[Path]]:
    """Write the exam office's CSV (or final grades), the grades table and the HTML report."""
    if course.plan.admission_threshold is None and not course.plan.letter_cutoffs:
        raise PlanError(f"{course.plan.path}: not found, so the course has no rule: pass the share of all points "
                        "that admits, `grading admission --threshold 0.5`, or state it in course.toml "
                        "([admission] threshold, or [final_grade] cutoffs; README.md: Course policy)")
    result = compute_standing(course, now)
    for problem in result.problems:
        warnings.warn(problem, stacklevel=2)
    plan = result.plan
    name = "final_grades.csv" if plan.letter_cutoffs else "admission.csv"
    columns = list(plan.export_columns) if plan.export_columns else default_columns(plan)
    try:
        main = write_csv(result.table, out_dir / name, columns)
    except ValueError as exc:
        raise PlanError(f"{plan.path}: export.columns: {exc}") from None
    grades = write_csv(grades_table(result), out_dir / "grades.csv")
    items = item_analysis(course)
    item_csv = write_csv(items, out_dir / "items.csv")
    report = write_html_report(result, out_dir / "report.html", items)
    platforms = [write_csv(table(result), out_dir / name) for name, table in PLATFORM_FILES.items()]
    written = [main, grades, item_csv, report, *platforms]
    record_export(course, result, written)
    return result, written


def record_export(course: Course, result: Standing, paths: list[Path]) -> None:
    """One line per export in .grading/exports.log: when, from which gradebook state, into which files, so that a
    list handed to the exam office can be traced to the grades it was made from (and to the backups around it)."""
    log = course.root / EXPORT_LOG
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as out:
        out.write(f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ} gradebook state {result.gradebook_state} "
                  f"(standings as of {result.now:%Y-%m-%dT%H:%M%z}): {' '.join(str(p) for p in paths)}\n")


def print_summary(result: Standing, paths: list[Path]) -> None:
    for problem in result.problems:
        console.print(f"problem: {problem}", style="yellow", markup=False, soft_wrap=True)
    for path in paths:
        console.print(f"wrote {path}", markup=False, soft_wrap=True)
    console.print(f"from gradebook state {result.gradebook_state} (recorded in {EXPORT_LOG})", markup=False)
    column = "grade" if "grade" in result.table else "status"
    summary = Table(column, "students", title=f"students per {column} as of {result.now:%Y-%m-%d %H:%M}")
    for value, count in result.table[column].value_counts().sort_index().items():
        summary.add_row(value, str(count))
    console.print(summary)
