"""TA step: HTML feedback per student, released to the exchange for students to fetch."""

from __future__ import annotations

from pathlib import Path

from grading.course import Course, check


def feedback(course: Course, sheet_id: str) -> Path:
    """Generate and release feedback for every autograded submission; returns feedback/."""
    course.plan.sheet(sheet_id)
    api = course.api()
    check(api.generate_feedback(sheet_id), f"generating feedback for {sheet_id}")
    check(api.release_feedback(sheet_id), f"releasing feedback for {sheet_id} to {course.exchange_root}")
    return course.root / course.coursedir.feedback_directory
