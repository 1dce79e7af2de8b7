"""TA step: copy the newest submission of every student from the exchange into submitted/."""

from __future__ import annotations

from grading.course import Course, check
from grading.roster import read_roster, sync_to_gradebook


def collect(course: Course, sheet_id: str) -> list[str]:
    """Collect a sheet; returns the ids of the students with a collected submission."""
    course.plan.sheet(sheet_id)
    if course.plan.roster.exists():
        with course.gradebook() as gb:
            sync_to_gradebook(read_roster(course.plan.roster), gb)
    check(course.api().collect(sheet_id), f"collecting {sheet_id} from {course.exchange_root}")
    return course.submitted_students(sheet_id)
