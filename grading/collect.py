"""TA step: copy the newest submission of every student from the exchange into submitted/."""

from __future__ import annotations

from grading.course import Course, check
from grading.locks import exclusive, sheet_lock
from grading.progress import console
from grading.roster import read_roster, sync_to_gradebook

COLLECT_WAIT = 300.0  # seconds to wait for a grading run of the sheet (`grading serve`'s round takes seconds)


def collect(course: Course, sheet_id: str) -> list[str]:
    """Collect a sheet, once no grading run of it replaces submitted/ under us; returns the ids of the students
    with a collected submission."""
    course.plan.sheet(sheet_id)
    with exclusive(sheet_lock(course.root, sheet_id), f"grading {sheet_id}", wait=COLLECT_WAIT):
        return collect_locked(course, sheet_id)


def collect_locked(course: Course, sheet_id: str) -> list[str]:
    """Collect a sheet, its lock held by the caller (`grading serve`)."""
    if course.plan.roster.exists():
        with course.gradebook() as gb:
            sync_to_gradebook(read_roster(course.plan.roster), gb)
    result = check(course.api().collect(sheet_id), f"collecting {sheet_id} from {course.exchange_root}")
    for line in result["log"].splitlines():  # e.g. submissions grading.exchange.VerifiedCollect rejected
        if line.startswith("[ERROR] "):
            console.print(line.removeprefix("[ERROR] "), style="red", markup=False, highlight=False, soft_wrap=True)
    return course.submitted_students(sheet_id)
