"""The exam office's CSV: configured columns, UTF-8, correct quoting, stable order; the grades table."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from grading.admission import compute_standing
from grading.exports import default_columns, grades_table, write_csv, write_reports
from grading.items import COLUMNS as ITEM_COLUMNS
from grading.plan import PlanError
from grading.roster import COLUMNS
from grading.simulate import Kind
from tests.conftest import GradedCohort

NAMES = [
    ("x1", 'Zoë, "Zo"', "Øvrebø", "z@x.de", "0012345"),
    ("x2", "Şebnem", "O'Brien, Jr.", "s@x.de", "3000001"),
    ("x3", "Line\nBreak", "Nguyễn", "n@x.de", "3999999"),
]


def test_csv_round_trip_keeps_names_commas_quotes_and_leading_zeros(tmp_path: Path) -> None:
    table = pd.DataFrame(NAMES, columns=COLUMNS).assign(sheet01=[12.5, 0.0, 3.0], status=["a", "b", "c"])
    write_csv(table, tmp_path / "out.csv", [*COLUMNS, "sheet01", "status"])
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [*COLUMNS, "sheet01", "status"]
    assert [tuple(r[:5]) for r in rows[1:]] == NAMES
    assert [r[5] for r in rows[1:]] == ["12.5", "0", "3"]
    assert pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)["matriculation"].iloc[0] == "0012345"


def test_reports_from_the_gradebook(graded_cohort: GradedCohort, tmp_path: Path) -> None:
    course = graded_cohort.course
    now = course.plan.sheet("sheet01").due + pd.Timedelta(days=1)
    _, paths = write_reports(course, tmp_path, now)
    assert [p.name for p in paths] == ["admission.csv", "grades.csv", "items.csv", "report.html", "moodle_grades.csv",
                                      "canvas_grades.csv"]
    admission = pd.read_csv(paths[0], dtype={"matriculation": str})
    assert list(admission.columns) == default_columns(course.plan)
    assert list(admission["id"]) == sorted(admission["id"])
    grades = pd.read_csv(paths[1])
    assert len(grades) == len(admission) * len(course.plan.sheets)
    late = grades[(grades["id"] == graded_cohort.student(Kind.LATE)) & (grades["sheet"] == "sheet01")].iloc[0]
    assert bool(late["late"]) and late["penalty"] > 0
    assert late["credited"] == pytest.approx(late["score"] - late["penalty"])
    assert not grades.loc[grades["id"] == graded_cohort.student(Kind.NONE), "submitted"].any()
    items = pd.read_csv(paths[2], keep_default_na=False)
    assert list(items.columns) == ITEM_COLUMNS and set(items["sheet"]) == {"sheet01"}


def test_configured_columns_and_a_wrong_one(graded_cohort: GradedCohort, tmp_path: Path, monkeypatch) -> None:
    course = graded_cohort.course
    columns = ("matriculation", "last_name", "first_name", "status")
    monkeypatch.setattr(course, "plan", replace(course.plan, export_columns=columns))
    _, paths = write_reports(course, tmp_path)
    assert tuple(pd.read_csv(paths[0]).columns) == columns
    monkeypatch.setattr(course, "plan", replace(course.plan, export_columns=("matriculation", "shoe_size")))
    with pytest.raises(PlanError, match=r"course.toml: export.columns: unknown column\(s\) shoe_size"):
        write_reports(course, tmp_path)


def test_grades_table_marks_excused_sheets(graded_cohort: GradedCohort, monkeypatch) -> None:
    course = graded_cohort.course
    student = graded_cohort.student(Kind.FULL)
    monkeypatch.setattr(course, "plan", replace(course.plan, excused={(student, "sheet01"): "sick note"}))
    result = compute_standing(course)
    grades = grades_table(result).set_index(["id", "sheet"])
    assert grades.loc[(student, "sheet01"), "excused"] == "sick note"
    assert result.table.set_index("id").loc[student, "max_total"] == course.plan.total_points - 20


def test_tracks_and_paths_in_the_exports(tmp_path: Path) -> None:
    """Course B with tracks: final_grades.csv names each student's track and counted path, grades.csv which of
    their submissions count, the report each track and path."""
    from datetime import UTC, datetime

    from grading.admission import Standing
    from grading.policy.standing import final_grades
    from grading.report import tracks_and_paths
    from tests.policy.test_standing import tracks_plan

    plan = tracks_plan(tmp_path)
    rows = [("a", "p1-pinn", 40.0), ("a", "p1-rnn", 100.0), ("a", "project2", 80.0), ("b", "long", 70.0)]
    submissions = pd.DataFrame(rows, columns=["student", "sheet", "points"]).assign(
        score=lambda t: t["points"], penalty=0.0, late=False)
    table = final_grades(submissions, ["a", "b"], plan)
    result = Standing(plan, datetime(2027, 6, 1, tzinfo=UTC), submissions, table)
    assert default_columns(plan)[-5:] == ["long", "track", "project1_path", "percent", "grade"]
    write_csv(table.assign(**{c: "" for c in COLUMNS if c != "id"}), tmp_path / "final.csv", default_columns(plan))
    final = pd.read_csv(tmp_path / "final.csv", keep_default_na=False).set_index("id")
    assert final.loc["a", ["track", "project1_path", "percent", "grade"]].tolist() == ["two-projects", "p1-pinn",
                                                                                      80.0, "B"]
    assert final.loc["b", ["track", "project1_path", "percent"]].tolist() == ["long-project", "", 70.0]
    grades = grades_table(result).set_index(["id", "sheet"])
    assert grades.loc[("a", "p1-pinn"), "counts"] and not grades.loc[("a", "p1-rnn"), "counts"]
    assert grades.loc[("b", "long"), "counts"] and not grades.loc[("b", "project2"), "counts"]
    assert set(grades["track"]) == {"two-projects", "long-project"}
    paths = tracks_and_paths(result)
    assert paths.to_dict("records") == [
        {"track": "long-project", "project1_path": "(none)", "students": 1, "mean_percent": 70.0},
        {"track": "two-projects", "project1_path": "p1-pinn", "students": 1, "mean_percent": 80.0}]
