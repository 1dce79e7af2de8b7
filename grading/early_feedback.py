"""Feedback released the moment a submission is graded (`grading serve`), by the sheet's `on_submit` rule.

- "score": a page of our own with the autograded points of each test cell and the message of each failed check
  (the exception's name and text, never its traceback or the test's source);
- "public": nbgrader's feedback with every hidden test hidden, whatever [feedback] hidden_tests says;
- "full": nbgrader's feedback with the standing, as `grading feedback` gives it after the deadline;
- "none": nothing until the TA's `grading feedback`.

Every page goes where nbgrader's feedback goes (feedback/STUDENT/SHEET/NOTEBOOK.html beside the submission's
timestamp.txt and submission_secret.txt) and is released with nbgrader's release_feedback, so the student fetches
it in the Assignments panel, and the TA's `grading feedback` later replaces it with the official page.
"""

from __future__ import annotations

import html
import shutil
from datetime import datetime
from pathlib import Path

import nbformat
from nbgrader import utils

from grading.course import Course, check
from grading.feedback import EARLY_MARK, feedback_config, standing_boxes

MAX_MESSAGE = 300  # characters of a failed check's message on the page
_STYLE = "font-family:sans-serif;max-width:48em;margin:2em auto"
_CELL = "padding:0.2em 1.2em 0.2em 0;text-align:left;vertical-align:top"


def failed_checks(notebook: Path) -> dict[str, str]:
    """grade id -> 'Name: message' of each test cell of an autograded notebook that ended in an error."""
    messages = {}
    for cell in nbformat.read(notebook, as_version=4).cells:
        if cell.cell_type != "code" or not utils.is_grade(cell):
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            text = f"{errors[-1].get('ename', 'Error')}: {errors[-1].get('evalue', '')}".strip().rstrip(":")
            messages[cell.metadata.nbgrader["grade_id"]] = text[:MAX_MESSAGE]
    return messages


def score_page(course: Course, sheet: str, student: str, notebook: str) -> str:
    """The "score" page of one notebook: its autograded points, per test cell, with each failed check's message."""
    messages = failed_checks(course.path("autograded", student, sheet) / f"{notebook}.ipynb")
    with course.gradebook() as gb:
        graded = gb.find_submission_notebook(notebook, sheet, student)
        rows = [(g.name, g.auto_score or 0.0, g.max_score) for g in graded.grades if g.cell.cell_type == "code"]
        manual = sum(g.max_score for g in graded.grades if g.cell.cell_type != "code")
        timestamp = graded.assignment.timestamp
    got, of = sum(r[1] for r in rows), sum(r[2] for r in rows)
    lines = "".join(
        f'<tr><td style="{_CELL}">{html.escape(name)}</td><td style="{_CELL}">{score:g} of {points:g}</td>'
        f'<td style="{_CELL}">{html.escape(messages.get(name, "") if score < points else "")}</td></tr>'
        for name, score, points in rows)
    later = f" The TA grades the written answers ({manual:g} points) after the deadline." if manual else ""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(sheet)}: your score</title>"
            f'</head><body><div style="{_STYLE}"><h2>{html.escape(sheet)} / {html.escape(notebook)}</h2>'
            f'<p class="early-score">Autograded: <strong>{got:g} of {of:g}</strong> points, submission of '
            f"{timestamp:%Y-%m-%d %H:%M:%S} UTC.{later} Resubmit before the deadline to improve it: the newest "
            f"submission counts.</p><table><tr><th style=\"{_CELL}\">check</th><th style=\"{_CELL}\">points</th>"
            f'<th style="{_CELL}">what failed</th></tr>{lines}</table></div></body></html>')


def limit_page(sheet: str, limit: int) -> str:
    """What a student over the day's cap of graded submissions sees instead of a score."""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(sheet)}</title></head><body>"
            f'<div style="{_STYLE}"><p class="early-limit">Not graded now: {limit} of your submissions of '
            f"{html.escape(sheet)} were graded today, the most a day. Your newest submission counts: it is graded "
            "after the deadline, or with your next submission on another day.</p></div></body></html>")


def _place(course: Course, sheet: str, student: str, pages: dict[str, str]) -> None:
    """Write pages into the student's feedback folder, with the two files nbgrader's release reads beside them."""
    folder = course.path("feedback", student, sheet)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    submitted = course.path("submitted", student, sheet)
    for name in ("timestamp.txt", "submission_secret.txt"):
        shutil.copy(submitted / name, folder / name)
    for notebook, page in pages.items():
        (folder / f"{notebook}.html").write_text(page, encoding="utf-8")
        # readable by all, as nbgrader's own pages: release copies the mode, and the student opens the copy in
        # the exchange by its secret name (the folder cannot be listed), through their own account
        (folder / f"{notebook}.html").chmod(0o664)
    (folder / EARLY_MARK).touch()


def _release(course: Course, sheet: str, student: str) -> None:
    check(course.api().release_feedback(sheet, student), f"releasing feedback of {student} for {sheet}")


def release_limit_note(course: Course, sheet: str, student: str, limit: int) -> None:
    notebooks = [p.stem for p in course.path("submitted", student, sheet).glob("*.ipynb")]
    _place(course, sheet, student, dict.fromkeys(notebooks, limit_page(sheet, limit)))
    _release(course, sheet, student)


def release_early(course: Course, sheet: str, student: str, rule: str, now: datetime | None = None) -> None:
    """Release the graded submission's feedback by `rule` (see the module's docstring)."""
    if rule == "none":
        return
    if rule == "score":
        notebooks = [p.stem for p in course.path("autograded", student, sheet).glob("*.ipynb")]
        _place(course, sheet, student, {nb: score_page(course, sheet, student, nb) for nb in notebooks})
    else:
        config = feedback_config(course, always_hide=rule == "public")
        check(course.api(config).generate_feedback(sheet, student), f"generating feedback of {student} for {sheet}")
        if rule == "full":
            standing_boxes(course, sheet, [student], now)
        (course.path("feedback", student, sheet) / EARLY_MARK).touch()
    _release(course, sheet, student)
