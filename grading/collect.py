"""TA step: copy the newest submission of every student from the exchange into submitted/."""

from __future__ import annotations

from grading.course import Course, check
from grading.progress import console
from grading.roster import read_roster, sync_to_gradebook


def collect(course: Course, sheet_id: str) -> list[str]:
    """Collect a sheet; returns the ids of the students with a collected submission."""
    course.plan.sheet(sheet_id)
    if course.plan.roster.exists():
        with course.gradebook() as gb:
            sync_to_gradebook(read_roster(course.plan.roster), gb)
    result = check(course.api().collect(sheet_id), f"collecting {sheet_id} from {course.exchange_root}")
    for line in result["log"].splitlines():  # e.g. submissions grading.exchange.VerifiedCollect rejected
        if line.startswith("[ERROR] "):
            console.print(line.removeprefix("[ERROR] "), style="red", markup=False, highlight=False, soft_wrap=True)
    return course.submitted_students(sheet_id)
