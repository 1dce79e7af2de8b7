"""Admission export against `nbgrader export` on one synthetic gradebook, in the same run.

    .venv/bin/python benchmarks/admission.py [--students 2000] [--sheets 13]

Builds a gradebook of N students x S sheets (6 graded cells each, 90% of the
submissions present, some manual grades, extra credit and late penalties) with
bulk inserts into nbgrader's own tables, then times
  - ours: SQL into pandas, policy, admission.csv and grades.csv (and, separately, report.html);
  - nbgrader: `nbgrader export` (its CSV plugin: one ORM query per student and sheet);
checks that every student's points on every sheet agree, and prints a table. (Names carry no commas:
nbgrader export does not quote its CSV, so a comma in a name shifts its columns.)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa
from nbgrader.api import (
    Assignment,
    BaseCell,
    Grade,
    Gradebook,
    GradeCell,
    Notebook,
    Student,
    SubmittedAssignment,
    SubmittedNotebook,
)
from nbgrader.api import (
    Course as CourseRow,
)
from rich.console import Console
from rich.table import Table

from grading.admission import compute_standing
from grading.course import Course, put_own_tools_on_path
from grading.exports import grades_table, write_csv
from grading.report import write_html_report

COURSE_ID = "bench"
CELLS = [("code", 3.0)] * 5 + [("markdown", 5.0)]
START = datetime(2026, 10, 20, 22, 59)


def _id() -> str:
    return uuid.uuid4().hex


def build_gradebook(db_url: str, n_students: int, n_sheets: int, seed: int) -> None:
    """Create nbgrader's schema, then fill it with a few bulk inserts."""
    Gradebook(db_url, COURSE_ID).close()
    rng = np.random.default_rng(seed)
    rows: dict[sa.Table, list[dict]] = {t: [] for t in (
        Assignment.__table__, Notebook.__table__, BaseCell.__table__, GradeCell.__table__, Student.__table__,
        SubmittedAssignment.__table__, SubmittedNotebook.__table__, Grade.__table__)}
    students = [f"s{i:05d}" for i in range(n_students)]
    rows[Student.__table__] = [{"id": s, "first_name": f"Fïrst {s}", "last_name": f"Läst {s}",
                                "email": f"{s}@uni.example"} for s in students]
    for k in range(n_sheets):
        assignment, notebook = _id(), _id()
        due = START + timedelta(weeks=k)
        rows[Assignment.__table__].append({"id": assignment, "name": f"sheet{k + 1:02d}", "duedate": due,
                                           "course_id": COURSE_ID})
        rows[Notebook.__table__].append({"id": notebook, "name": f"sheet{k + 1:02d}", "assignment_id": assignment})
        cells = [_id() for _ in CELLS]
        for j, (cell, (cell_type, points)) in enumerate(zip(cells, CELLS, strict=True)):
            rows[BaseCell.__table__].append({"id": cell, "name": f"cell{j}", "notebook_id": notebook,
                                             "type": "GradeCell"})
            rows[GradeCell.__table__].append({"id": cell, "max_score": points, "cell_type": cell_type})
        for student in students:
            if rng.random() > 0.9:
                continue
            submission, submitted_nb = _id(), _id()
            late = rng.random() < 0.05
            stamp = due + timedelta(hours=float(rng.uniform(1, 30) if late else -rng.uniform(1, 100)))
            rows[SubmittedAssignment.__table__].append({"id": submission, "assignment_id": assignment,
                                                        "student_id": student, "timestamp": stamp})
            autos = rng.integers(0, 7, size=len(CELLS)) * 0.5
            manual = rng.random() < 0.7
            total = 0.0
            for (cell_type, points), cell, auto in zip(CELLS, cells, autos, strict=True):
                grade = {"id": _id(), "notebook_id": submitted_nb, "cell_id": cell, "auto_score": None,
                         "manual_score": None, "extra_credit": None, "needs_manual_grade": False}
                if cell_type == "code":
                    grade["auto_score"] = min(points, float(auto))
                elif manual:
                    grade["manual_score"] = float(rng.integers(0, 11) * 0.5)
                    grade["extra_credit"] = 1.0 if rng.random() < 0.05 else None
                else:
                    grade["needs_manual_grade"] = True
                total += grade["manual_score"] if grade["manual_score"] is not None else (grade["auto_score"] or 0)
                total += grade["extra_credit"] or 0
                rows[Grade.__table__].append(grade)
            rows[SubmittedNotebook.__table__].append({"id": submitted_nb, "assignment_id": submission,
                                                      "notebook_id": notebook, "flagged": False,
                                                      "late_submission_penalty": round(0.2 * total, 2) if late
                                                      else None})
    engine = sa.create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(sa.insert(CourseRow.__table__).prefix_with("OR IGNORE"), [{"id": COURSE_ID}])
        for table, table_rows in rows.items():
            if table_rows:
                connection.execute(sa.insert(table), table_rows)
    engine.dispose()


def write_course(root: Path, db_url: str, n_students: int, n_sheets: int) -> None:
    (root / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\nc.CourseDirectory.db_url = {db_url!r}\n"
        f"c.CourseDirectory.root = {str(root)!r}\n", encoding="utf-8")
    sheets = "".join(
        f'\n[[sheets]]\nid = "sheet{k + 1:02d}"\npoints = 20\ndue = {(START + timedelta(weeks=k)).isoformat()}Z\n'
        for k in range(n_sheets))
    (root / "course.toml").write_text(f'[course]\nroster = "roster.csv"\n[admission]\nthreshold = 0.5\n{sheets}',
                                      encoding="utf-8")
    pd.DataFrame({"id": [f"s{i:05d}" for i in range(n_students)], "first_name": "F", "last_name": "L",
                  "email": "e", "matriculation": [f"{3_000_000 + i}" for i in range(n_students)]}).to_csv(
        root / "roster.csv", index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--sheets", type=int, default=13)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    console = Console()
    put_own_tools_on_path()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db_url = f"sqlite:///{root / 'gradebook.db'}"
        started = time.perf_counter()
        build_gradebook(db_url, args.students, args.sheets, args.seed)
        write_course(root, db_url, args.students, args.sheets)
        console.print(f"gradebook of {args.students} students x {args.sheets} sheets built in "
                      f"{time.perf_counter() - started:.1f} s")
        course = Course(root)
        now = datetime(2027, 3, 1, tzinfo=UTC)

        started = time.perf_counter()
        result = compute_standing(course, now)
        write_csv(result.table, root / "admission.csv")
        grades = grades_table(result)
        write_csv(grades, root / "grades.csv")
        ours = time.perf_counter() - started

        started = time.perf_counter()
        write_html_report(result, root / "report.html")
        report = time.perf_counter() - started

        started = time.perf_counter()
        nbgrader = Path(sys.executable).parent / "nbgrader"
        subprocess.run([str(nbgrader), "export", "--to", str(root / "nbgrader.csv"), "--log-level=ERROR"],
                       cwd=root, check=True)
        theirs = time.perf_counter() - started

        exported = pd.read_csv(root / "nbgrader.csv", dtype={"student_id": str})
        merged = exported.merge(grades, left_on=["student_id", "assignment"], right_on=["id", "sheet"],
                                suffixes=("_nbgrader", ""))
        differ = merged[~np.isclose(merged["score_nbgrader"], merged["credited"].fillna(0.0))]
        agree = len(merged) == len(exported) == len(grades) and differ.empty
        console.print(f"rows: nbgrader {len(exported)}, ours {len(grades)}, matched {len(merged)}, "
                      f"differing {len(differ)}")

    table = Table(title=f"admission export, {args.students} students x {args.sheets} sheets "
                        f"({len(grades)} student-sheet rows)")
    for column in ("", "wall time", "rows per second", "ratio to ours"):
        table.add_column(column, justify="right")
    table.add_row("ours: admission.csv + grades.csv", f"{ours:.2f} s", f"{len(grades) / ours:,.0f}", "1.0")
    table.add_row("ours: report.html (plots)", f"{report:.2f} s", "", "")
    table.add_row("nbgrader export", f"{theirs:.2f} s", f"{len(grades) / theirs:,.0f}", f"{theirs / ours:.0f}x")
    console.print(table)
    console.print(f"points per student and sheet agree with nbgrader's: {'yes' if agree else 'NO'}")


if __name__ == "__main__":
    main()
