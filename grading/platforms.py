"""Grade-import files for the learning platforms: Moodle (Heidelberg) and Canvas (Oslo).

One row per roster student, one column per planned sheet (credited points, empty where nothing was
submitted) and the course's result: exam admission (Course A) or the final letter (Course B).

- Moodle, "Grade import" (https://docs.moodle.org/en/Grade_import): a CSV file with a header row; on
  import the teacher picks the column that identifies the user ("Map from") and the user field it
  matches ("Map to": email address, ID number or username), then maps each other column to a grade item
  or a new one. Our columns follow the header of Moodle's own plain-text grade export: "First name",
  "Last name", "ID number" (the matriculation number, Moodle's idnumber field), "Email address", then
  one column per grade item.
- Canvas, "How do I import grades in the Gradebook?" (https://community.canvaslms.com/t5/Instructor-Guide/
  How-do-I-import-grades-in-the-Gradebook/ta-p/807): a CSV with the columns "Student", "ID",
  "SIS User ID", "SIS Login ID" and "Section" first (a student is matched by ID, SIS User ID or SIS
  Login ID; ID, Canvas's internal number, may stay empty), then one column per assignment, a new
  column name creating a new assignment; an optional second row "Points Possible" gives each
  assignment's maximum. Pass/fail assignments take "complete" or "incomplete"; the letter goes to
  "Final Grade Override" (Canvas's override column, when the course enables it).

ILIAS: no documented column format for importing an exercise's marks from CSV was found, so there
is no ILIAS file.
"""

from __future__ import annotations

import pandas as pd

from grading.admission import Standing
from grading.policy.standing import ADMITTED, credited_points

MOODLE_IDENTITY = ["First name", "Last name", "ID number", "Email address"]
CANVAS_IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
ADMISSION = "Exam admission"
FINAL_GRADE = "Final Grade Override"


def _sheet_points(result: Standing) -> pd.DataFrame:
    """Credited points per sheet (teams applied), columns named by the sheet's title; empty where nothing
    was submitted, so the platform shows no grade rather than a zero nobody earned or lost."""
    plan = result.plan
    credited = credited_points(result.scores, plan).reindex(result.table["id"])
    points = credited[plan.sheet_ids].set_axis([s.title for s in plan.sheets], axis=1)
    return points.set_index(result.table.index)


def _outcome(result: Standing, passed: str, failed: str, grade_column: str) -> pd.Series:
    """Course B: the letter under grade_column; Course A: passed or failed under ADMISSION."""
    table = result.table
    if result.plan.letter_cutoffs:
        return table["grade"].rename(grade_column)
    return table["status"].map(lambda status: passed if status == ADMITTED else failed).rename(ADMISSION)


def moodle_table(result: Standing) -> pd.DataFrame:
    table = result.table
    identity = pd.DataFrame({"First name": table["first_name"], "Last name": table["last_name"],
                             "ID number": table["matriculation"], "Email address": table["email"]})
    outcome = _outcome(result, "admitted", "not admitted", "Final grade")
    return pd.concat([identity, _sheet_points(result), outcome], axis=1)


def canvas_table(result: Standing) -> pd.DataFrame:
    """The Canvas file's rows, the "Points Possible" row first."""
    plan, table = result.plan, result.table
    identity = pd.DataFrame({"Student": table["last_name"] + ", " + table["first_name"], "ID": "",
                             "SIS User ID": table["matriculation"], "SIS Login ID": table["email"], "Section": ""})
    outcome = _outcome(result, "complete", "incomplete", FINAL_GRADE)
    rows = pd.concat([identity, _sheet_points(result), outcome], axis=1)
    possible = pd.DataFrame([{"Student": "Points Possible", **{s.title: s.points for s in plan.sheets}}])
    return pd.concat([possible, rows], ignore_index=True)[list(rows.columns)].fillna(
        {column: "" for column in [*CANVAS_IDENTITY, outcome.name]})


PLATFORM_FILES = {"moodle_grades.csv": moodle_table, "canvas_grades.csv": canvas_table}
