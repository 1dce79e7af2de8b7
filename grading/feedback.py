"""TA step: HTML feedback per student, with their standing in the course, released to the exchange."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path

from grading.admission import compute_standing
from grading.course import Course, check
from grading.policy.standing import progress_text

_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)
STANDING_STYLE = (
    "margin:1em 0;padding:0.8em 1em;border-left:4px solid #2a9d8f;background:#f4faf9;font-family:sans-serif"
)


def add_standing(page: str, text: str) -> str:
    """The feedback page with a box on the student's standing at the top of its body."""
    box = (f'<div class="course-standing" style="{STANDING_STYLE}">'
           f"<strong>Your standing:</strong> {html.escape(text)}</div>")
    match = _BODY.search(page)
    return page[: match.end()] + box + page[match.end():] if match else box + page


def feedback(course: Course, sheet_id: str, now: datetime | None = None) -> Path:
    """Generate feedback for every autograded submission, add each student's standing, release it."""
    course.plan.sheet(sheet_id)
    api = course.api()
    check(api.generate_feedback(sheet_id), f"generating feedback for {sheet_id}")
    if course.plan.admission_threshold is not None:
        table = compute_standing(course, now).table.set_index("id")
        for student in table.index:
            for page in course.path("feedback", student, sheet_id).glob("*.html"):
                text = progress_text(table.loc[student])
                page.write_text(add_standing(page.read_text(encoding="utf-8"), text), encoding="utf-8")
    check(api.release_feedback(sheet_id), f"releasing feedback for {sheet_id} to {course.exchange_root}")
    return course.root / course.coursedir.feedback_directory
