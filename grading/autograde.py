"""TA step: grade every collected submission of a sheet into the gradebook.

The engine is nbgrader's own autograder, one submission at a time; a notebook
that cannot be read is reported by file name and the batch goes on. The grace
period and any extension from course.toml are written into the gradebook first,
so nbgrader's late penalty (our plugin) and every nbgrader tool see the same due date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grading.course import Course, failure_reason
from grading.progress import progress_bar


@dataclass(frozen=True)
class Outcome:
    student: str
    graded: bool
    reason: str = ""


def unreadable_notebooks(folder: Path) -> list[str]:
    """One message per notebook in a submission folder that is not a valid notebook file."""
    problems = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            nbformat.validate(nbformat.read(path, as_version=4))
        except Exception as exc:  # any parse or schema error means the same to the TA
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            problems.append(f"{path}: not a valid notebook ({first_line})")
    return problems


def autograde(course: Course, sheet_id: str, students: Iterable[str] | None = None) -> list[Outcome]:
    """Grade the given (default: all collected) submissions; never stops at a bad one."""
    course.plan.sheet(sheet_id)
    todo = list(students) if students is not None else course.submitted_students(sheet_id)
    api = course.api()
    outcomes: list[Outcome] = []
    counts: Counter[str] = Counter()
    with progress_bar() as bar:
        task = bar.add_task(f"autograde {sheet_id}", total=len(todo), status="")
        for student in todo:
            problems = unreadable_notebooks(course.path("submitted", student, sheet_id))
            if problems:
                outcome = Outcome(student, graded=False, reason="; ".join(problems))
            else:
                extension = course.plan.extension(student, sheet_id)
                with course.gradebook() as gb:
                    gb.update_or_create_submission(sheet_id, student, extension=extension)
                result = api.autograde(sheet_id, student, force=True)
                reason = "" if result["success"] else failure_reason(result)
                outcome = Outcome(student, graded=result["success"], reason=reason)
            outcomes.append(outcome)
            counts["graded" if outcome.graded else "failed"] += 1
            bar.update(task, advance=1, status=" · ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return outcomes
