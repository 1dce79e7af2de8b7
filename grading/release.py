"""Instructor step: source/ -> release/ + solutions/, then into the exchange for students.

A sheet is either an nbgrader source notebook or an otter-grader master
notebook (a project of Course B); both end as an nbgrader assignment.
"""

from __future__ import annotations

from nbgrader.converters import GenerateSolution
from nbgrader.utils import capture_log, temp_attrs

from grading.course import Course, check
from grading.otter import is_otter_master, release_project


def release(course: Course, sheet_id: str) -> None:
    """Generate the student version and the solutions of a planned sheet and release it."""
    sheet = course.plan.sheet(sheet_id)
    source = course.root / course.coursedir.source_directory / sheet_id
    if not source.is_dir():
        raise FileNotFoundError(f"{source}: the sheet's source folder does not exist")
    api = course.api()
    with course.gradebook() as gb:
        gb.update_or_create_assignment(sheet_id, duedate=sheet.due)
    masters = sorted(path for path in source.glob("*.ipynb") if is_otter_master(path))
    if masters:
        release_project(course, sheet_id, masters)
    else:
        check(api.generate_assignment(sheet_id), f"generating the student version of {sheet_id}")
        with temp_attrs(api.coursedir, assignment_id=sheet_id):
            check(capture_log(GenerateSolution(coursedir=api.coursedir, parent=api)),
                  f"generating solutions of {sheet_id}")
    if sheet_id in api.get_released_assignments():
        check(api.unrelease(sheet_id), f"withdrawing the earlier release of {sheet_id}")
    check(api.release_assignment(sheet_id), f"releasing {sheet_id} to the exchange {course.exchange_root}")
