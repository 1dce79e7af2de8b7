"""Moodle's and Canvas's grade-import files have the documented columns (grading/platforms.py) and
match each roster student by email and matriculation number with their credited points."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from grading.admission import Standing
from grading.exports import write_reports
from grading.plan import CoursePlan, Sheet, Team
from grading.platforms import ADMISSION, CANVAS_IDENTITY, FINAL_GRADE, MOODLE_IDENTITY, canvas_table, moodle_table
from grading.roster import COLUMNS, read_roster
from grading.simulate import Kind
from tests.conftest import GradedCohort

DUE = datetime(2027, 3, 20, 23, 59, tzinfo=UTC)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def written(graded_cohort: GradedCohort, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    course = graded_cohort.course
    _, paths = write_reports(course, tmp_path_factory.mktemp("platforms"),
                             course.plan.sheet("sheet01").due + pd.Timedelta(days=1))
    return {p.name: p for p in paths}


def test_moodle_file(graded_cohort: GradedCohort, written: dict[str, Path]) -> None:
    plan = graded_cohort.course.plan
    rows = _rows(written["moodle_grades.csv"])
    assert rows[0] == [*MOODLE_IDENTITY, *(s.title for s in plan.sheets), ADMISSION]
    roster = read_roster(plan.roster).set_index("email")
    admission = pd.read_csv(written["admission.csv"], dtype=str, keep_default_na=False).set_index("email")
    grades = pd.read_csv(written["grades.csv"]).query("sheet == 'sheet01'").set_index("id")
    assert sorted(r[3] for r in rows[1:]) == sorted(roster.index)
    for first, last, number, email, points, *later, outcome in rows[1:]:
        assert (first, last, number) == tuple(roster.loc[email, ["first_name", "last_name", "matriculation"]])
        own = grades.loc[roster.loc[email, "id"]]
        assert (float(points) == pytest.approx(own["credited"])) if own["submitted"] else points == ""
        assert later == [""] * (len(plan.sheets) - 1)  # not submitted: no grade, not a zero
        assert outcome == ("admitted" if admission.loc[email, "status"] == "admitted" else "not admitted")


def test_canvas_file(graded_cohort: GradedCohort, written: dict[str, Path]) -> None:
    plan = graded_cohort.course.plan
    rows = _rows(written["canvas_grades.csv"])
    assert rows[0] == [*CANVAS_IDENTITY, *(s.title for s in plan.sheets), ADMISSION]
    assert rows[1] == ["Points Possible", "", "", "", "", *(f"{s.points:g}" for s in plan.sheets), ""]
    roster = read_roster(plan.roster).set_index("matriculation")
    by_number = {r[2]: r for r in rows[2:]}
    assert sorted(by_number) == sorted(roster.index)
    full = roster[roster["id"] == graded_cohort.student(Kind.FULL)].iloc[0]
    row = by_number[full.name]
    assert row[:5] == [f"{full.last_name}, {full.first_name}", "", full.name, full.email, ""]
    grades = pd.read_csv(written["grades.csv"]).set_index(["id", "sheet"])
    credited = grades.loc[(full["id"], "sheet01"), "credited"]
    assert credited > 0 and float(row[5]) == pytest.approx(credited)
    assert row[-1] == "incomplete"  # one sheet of twelve: not admitted yet
    none = roster[roster["id"] == graded_cohort.student(Kind.NONE)].iloc[0]
    assert by_number[none.name][5] == ""


def test_course_b_files_carry_the_final_letter(tmp_path: Path) -> None:
    plan = CoursePlan(tmp_path / "course.toml", "B", tmp_path / "roster.csv",
                      (Sheet("p1", "Project 1", 100.0, DUE), Sheet("p2", "Project 2", 100.0, DUE)),
                      admission_threshold=None, letter_cutoffs={"A": 90.0}, teams=(Team(("s1", "s2"), ("p1",)),))
    people = [("s1", "Ada", "Løvlace", "a@uio.no", "0101", "A"), ("s2", "Bo", "Li", "b@uio.no", "0202", "F")]
    table = pd.DataFrame(people, columns=[*COLUMNS, "grade"])
    scores = pd.DataFrame([("s1", "p1", 91.5), ("s1", "p2", 95.0)], columns=["student", "sheet", "points"])
    result = Standing(plan, DUE, scores, table)
    moodle = moodle_table(result)
    assert list(moodle.columns) == [*MOODLE_IDENTITY, "Project 1", "Project 2", "Final grade"]
    bo = moodle.iloc[1]
    assert bo["Email address"] == "b@uio.no" and bo["Final grade"] == "F"
    assert bo["Project 1"] == 91.5 and pd.isna(bo["Project 2"])  # the team's project 1 counts for Bo, p2: no grade
    canvas = canvas_table(result)
    assert list(canvas.columns) == [*CANVAS_IDENTITY, "Project 1", "Project 2", FINAL_GRADE]
    assert canvas.iloc[0].tolist() == ["Points Possible", "", "", "", "", 100.0, 100.0, ""]
    assert canvas.iloc[1].tolist() == ["Løvlace, Ada", "", "0101", "a@uio.no", "", 91.5, 95.0, "A"]
