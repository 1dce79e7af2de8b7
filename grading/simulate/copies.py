"""Students of a simulated cohort who write their own answers, and copiers: resubmitted through the exchange.

Run after `simulate`: each works on the notebooks the student fetched then, and submits again (nbgrader's
collect takes the newest submission), so the similarity report reads what a real cohort would leave.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd

from grading.course import Course
from grading.simulate.cohort import SimulatedSubmit, student_exchange
from grading.simulate.kinds import Kind, solutions
from grading.simulate.styles import disguise, own_solution

BEFORE_DUE = timedelta(minutes=30)  # the resubmission's time: on time, and after every simulated first submission


def _notebooks(course: Course, sheet_id: str, student: str) -> list[Path]:
    home = Path(student_exchange(course, sheet_id, student)["assignment_dir"]) / sheet_id
    return sorted(home.glob("*.ipynb"))


def answers(course: Course, sheet_id: str, student: str) -> dict[str, str]:
    """grade_id -> code of every answer cell in the student's working copy of the sheet."""
    found: dict[str, str] = {}
    for path in _notebooks(course, sheet_id, student):
        found.update(solutions(nbformat.read(path, as_version=4)))
    return found


def resubmit(course: Course, sheet_id: str, student: str, code: dict[str, str], at: datetime | None = None) -> None:
    """Put code (grade_id -> source) into the student's answer cells and submit the sheet again, at `at`
    (default: shortly before the due date)."""
    for path in _notebooks(course, sheet_id, student):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if cell.cell_type == "code" and grade_id in code:
                cell.source = code[grade_id]
        nbformat.write(notebook, path)
    due = course.plan.sheet(sheet_id).due
    SimulatedSubmit(submitted_at=at or due - BEFORE_DUE, **student_exchange(course, sheet_id, student)).start()


def write_own(course: Course, sheet_id: str, student: str, rng: np.random.Generator) -> None:
    """The student submits answers written independently (the reference, varied as an author would)."""
    own = {grade_id: own_solution(source, rng) for grade_id, source in answers(course, sheet_id, student).items()}
    resubmit(course, sheet_id, student, own)


def plant_copy(course: Course, sheet_id: str, original: str, copier: str, rng: np.random.Generator) -> None:
    """The copier submits the original's answer cells, disguised (renamed, reordered, commented, re-laid out)."""
    theirs = answers(course, sheet_id, original)
    resubmit(course, sheet_id, copier, dict(zip(theirs, disguise(list(theirs.values()), rng), strict=True)))


def plant_demo_copy(course: Course, sheet_id: str, cohort: pd.DataFrame, seed: int = 0) -> tuple[str, str]:
    """In a simulated cohort, the first two students who submitted in full and are in no team: the first writes
    their own answers, the second hands in a disguised copy of them. Returns (original, copier)."""
    teamed = {member for team in course.plan.teams for member in team.members}
    full = [s for s, kind in zip(cohort["id"], cohort["kind"], strict=True) if kind == Kind.FULL and s not in teamed]
    if len(full) < 2:
        raise ValueError(f"{sheet_id}: fewer than two students of the cohort submitted in full, none to copy")
    original, copier = full[:2]
    rng = np.random.default_rng([seed, zlib.crc32(f"copy-{sheet_id}".encode())])
    write_own(course, sheet_id, original, rng)
    plant_copy(course, sheet_id, original, copier, rng)
    return original, copier
