"""TA step: HTML feedback per student, with their standing in the course, released to the exchange.

The feedback page is what students open from the Assignments panel, so it carries their
standing: one sentence, their points on every sheet, and what exam admission still needs.
"""

from __future__ import annotations

import copy
import html
import re
from datetime import datetime
from pathlib import Path

import pandas as pd
from nbgrader.converters import GenerateFeedback
from nbgrader.preprocessors import GetGrades
from traitlets.config import Config

from grading.admission import compute_standing
from grading.course import Course, check
from grading.hidden_tests import STEP, HideHiddenTests
from grading.plan import CoursePlan
from grading.policy.standing import ADMITTED, credited_points, path_column, progress_text

EARLY_MARK = "early.txt"  # grading.early_feedback's mark on the pages released on submitting
_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)
STANDING_STYLE = (
    "margin:1em 0;padding:0.8em 1em;border-left:4px solid #2a9d8f;background:#f4faf9;font-family:sans-serif"
)
CELL_STYLE = "padding:0.15em 1.2em 0.15em 0;text-align:left"


def sheet_points(student: str, plan: CoursePlan, credited: pd.DataFrame, now: datetime) -> list[tuple[str, str]]:
    """(sheet, what the student has on it) for every planned sheet; credited is NaN where nothing was submitted."""
    rows = []
    for sheet in plan.sheets:
        points = credited.at[student, sheet.id] if student in credited.index else float("nan")
        if (student, sheet.id) in plan.excused:
            text = "excused"
        elif not pd.isna(points):
            text = f"{round(points, 2):g} of {sheet.points:g}"
        elif sheet.done(now):
            text = f"0 of {sheet.points:g} (nothing submitted)"
        else:
            text = f"due {sheet.due:%Y-%m-%d %H:%M}"
        rows.append((f"{sheet.id}: {sheet.title}", text))
    return rows


def plan_points(row: pd.Series, plan: CoursePlan, credited: pd.DataFrame, now: datetime) -> list[tuple[str, str]]:
    """Course B: the slots of the student's own track with their weights, and the counted variant's points."""
    student = str(row.name)
    slots = plan.slots
    sheets = {sheet_id: rows for sheet_id, rows in zip(plan.sheet_ids, sheet_points(student, plan, credited, now),
                                                       strict=True)}
    rows = []
    for slot, weight in plan.track(row["track"]).weights.items():
        counted = row.get(path_column(slot), "") if len(slots[slot]) > 1 else slots[slot][0]
        name = f"{slot} ({weight:.0%})"
        if counted:
            title, points = sheets[counted]
            rows.append((f"{name}: {title}", points))
        else:
            rows.append((f"{name}: no path chosen or submitted (paths: {', '.join(slots[slot])})", "-"))
    return rows


def grade_text(row: pd.Series, plan: CoursePlan) -> tuple[str, str]:
    """Course B: the student's track and weighted percent so far, and the letters' cut-offs."""
    cutoffs = plan.letter_cutoffs or {}
    letters = ", ".join(f"{grade} from {cutoff:g}%" for grade, cutoff in cutoffs.items())
    return (f"track {row['track']}: {row['percent']:g}% of your weighted points so far (grade {row['grade']}).",
            f"Final grade: the weighted percent of your track's projects; {letters}, below that F.")


def admission_text(row: pd.Series, threshold: float) -> str:
    """How far the student is from exam admission, in points."""
    needs = f"Exam admission needs {round(row['needed'], 2):g} of {row['max_total']:g} points ({threshold:.0%})"
    if row["status"] == ADMITTED:
        return f"{needs}: you are admitted."
    return f"{needs}: you need {round(row['still_needed'], 2):g} more."


def standing_box(text: str, sheets: list[tuple[str, str]], bonus: float, admission: str) -> str:
    """The standing as HTML: the sentence, a table of points per sheet (and bonus), the admission line."""
    rows = [*sheets, *([("bonus", f"+{bonus:g}")] if bonus else [])]
    cells = "".join(f'<tr><td style="{CELL_STYLE}">{html.escape(name)}</td><td style="{CELL_STYLE}">'
                    f"{html.escape(points)}</td></tr>" for name, points in rows)
    return (f'<div class="course-standing" style="{STANDING_STYLE}">'
            f"<strong>Your standing:</strong> {html.escape(text)}"
            f'<table class="course-points" style="margin:0.6em 0;border-collapse:collapse">'
            f'<tr><th style="{CELL_STYLE}">Sheet</th><th style="{CELL_STYLE}">Points</th></tr>{cells}</table>'
            f'<p class="course-admission" style="margin:0">{html.escape(admission)}</p></div>')


def add_standing(page: str, box: str) -> str:
    """The feedback page with the standing box at the top of its body."""
    match = _BODY.search(page)
    return page[: match.end()] + box + page[match.end():] if match else box + page


def feedback_config(course: Course, always_hide: bool = False) -> Config:
    """The course's nbgrader config, with HideHiddenTests after GetGrades in GenerateFeedback's preprocessors
    where nbgrader_config.py does not name it (any nbgrader course): hidden tests stay out unless course.toml
    says [feedback] hidden_tests = "show", which the step reads itself; `always_hide` hides them even then
    (feedback released on submitting, before the deadline, by on_submit = "public")."""
    config = copy.deepcopy(course.config)  # the course's own config stays as nbgrader_config.py says
    config.HideHiddenTests.always = always_hide
    default = GenerateFeedback.class_traits()["preprocessors"].default()
    steps = list(config.GenerateFeedback.get("preprocessors", default))
    if HideHiddenTests not in steps and STEP not in steps:
        at = steps.index(GetGrades) + 1 if GetGrades in steps else 0
        config.GenerateFeedback.preprocessors = [*steps[:at], HideHiddenTests, *steps[at:]]
    return config


def standing_boxes(course: Course, sheet_id: str, students: list[str] | None, now: datetime | None) -> None:
    """Put each student's standing (all of them with None) at the top of their generated feedback pages, where
    the course has a rule to stand by."""
    plan = course.plan
    if plan.admission_threshold is None and not plan.has_tracks:
        return
    standing = compute_standing(course, now)
    table = standing.table.set_index("id")
    credited = credited_points(standing.scores, plan)
    for student in table.index if students is None else [s for s in students if s in table.index]:
        row = table.loc[student]
        if plan.admission_threshold is not None:
            box = standing_box(progress_text(row), sheet_points(student, plan, credited, standing.now),
                               row["bonus"], admission_text(row, plan.admission_threshold))
        else:
            text, rule = grade_text(row, plan)
            box = standing_box(text, plan_points(row, plan, credited, standing.now), 0.0, rule)
        for page in course.path("feedback", student, sheet_id).glob("*.html"):
            page.write_text(add_standing(page.read_text(encoding="utf-8"), box), encoding="utf-8")


def feedback(course: Course, sheet_id: str, now: datetime | None = None) -> Path:
    """Generate feedback for every autograded submission, add each student's standing, release it."""
    plan = course.plan
    plan.sheet(sheet_id)
    api = course.api(feedback_config(course))
    check(api.generate_feedback(sheet_id), f"generating feedback for {sheet_id}")
    for mark in (course.root / course.coursedir.feedback_directory).glob(f"*/{sheet_id}/{EARLY_MARK}"):
        mark.unlink()  # the pages are the official ones now (grading.serve leaves them in place)
    standing_boxes(course, sheet_id, None, now)
    check(api.release_feedback(sheet_id), f"releasing feedback for {sheet_id} to {course.exchange_root}")
    return course.root / course.coursedir.feedback_directory
