"""A demo semester on the embedded defaults: release, a simulated cohort, collect, grade, feedback, admission."""

from __future__ import annotations

import shutil

from rich.table import Table

from grading.admission import write_admission
from grading.autograde import autograde
from grading.collect import collect
from grading.course import Course
from grading.errors import GradingError
from grading.feedback import feedback
from grading.progress import console
from grading.release import release
from grading.simulate import simulate
from grading.simulate.cohort import SIMULATION_DIR

GENERATED = ("release", "solutions", "submitted", "autograded", "feedback")


def reset_demo_state(course: Course) -> None:
    """Remove what an earlier demo left, and refuse to touch a gradebook that a demo did not make."""
    marker = course.root / SIMULATION_DIR
    gradebook = course.root / "gradebook.db"
    if gradebook.exists() and not marker.exists():
        raise GradingError(f"{gradebook} exists and was not made by the demo; run the demo in a fresh copy")
    for name in GENERATED:
        for entry in (course.root / name).glob("*"):
            if entry.name != ".gitkeep":
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    for path in (marker, course.exchange_root, gradebook, course.plan.roster):
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def run_demo(course: Course, n_students: int = 40, seed: int = 0) -> None:
    reset_demo_state(course)
    sheets = [sheet.id for sheet in course.plan.sheets if (course.root / "source" / sheet.id).is_dir()]
    failures = []
    for sheet_id in sheets:
        console.rule(f"[bold]{sheet_id}")
        release(course, sheet_id)
        simulate(course, sheet_id, n_students=n_students, seed=seed)
        collect(course, sheet_id)
        failures += [(sheet_id, o) for o in autograde(course, sheet_id) if not o.graded]
        feedback_dir = feedback(course, sheet_id)
    path, table = write_admission(course, course.root / "admission.csv")
    console.rule("[bold]done")
    for sheet_id, outcome in failures:
        console.print(f"not graded {sheet_id} {outcome.student}: {outcome.reason}", style="yellow", markup=False,
                      soft_wrap=True)
    console.print(f"admission list: {path}")
    console.print(f"feedback:       {feedback_dir}/<student>/<sheet>/*.html (also released to {course.exchange_root})")
    summary = Table("status", "students", title=f"{len(table)} students per status after {', '.join(sheets)}")
    for status, count in table["status"].value_counts().sort_index().items():
        summary.add_row(status, str(count))
    console.print(summary)
