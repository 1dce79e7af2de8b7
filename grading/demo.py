"""A demo semester on the embedded defaults: release, a simulated cohort, collect, grade, a TA's manual
grades, feedback, reports (admission.csv for Course A, final_grades.csv for Course B)."""

from __future__ import annotations

import shutil
from datetime import timedelta

from grading.autograde import autograde, print_outcomes
from grading.collect import collect
from grading.course import Course
from grading.errors import GradingError
from grading.exports import print_summary, write_reports
from grading.feedback import feedback
from grading.progress import console
from grading.release import release
from grading.similarity_report import write_similarity
from grading.simulate import simulate
from grading.simulate.cohort import SIMULATION_DIR
from grading.simulate.copies import plant_demo_copy
from grading.simulate.ta import grade_by_hand

GENERATED = ("release", "solutions", "submitted", "autograded", "feedback")
# what else a demo leaves in the course directory: this tool's records and backups, the reports
MADE = (".grading", "admission.csv", "final_grades.csv", "grades.csv", "report.html")
DEMO_SHEETS = 3


def reset_demo_state(course: Course) -> None:
    """Remove everything an earlier demo made (of the exchange, its course's part only), and refuse to touch
    a gradebook that a demo did not make."""
    marker = course.root / SIMULATION_DIR
    gradebook = course.root / "gradebook.db"
    if gradebook.exists() and not marker.exists():
        raise GradingError(f"{gradebook} exists and was not made by the demo; run the demo in a fresh copy")
    for name in GENERATED:
        for entry in (course.root / name).glob("*"):
            if entry.name != ".gitkeep":
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    made = [*(course.root / name for name in MADE), *course.root.glob("similarity-*")]
    for path in (marker, course.exchange_root / course.course_id, gradebook, course.plan.roster, *made):
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def run_demo(course: Course, n_students: int = 40, seed: int = 0, sheets: list[str] | None = None) -> None:
    """Run the semester up to the last of `sheets`; standings are as of one day after its due date."""
    plan = course.require_plan("demo")
    if sheets is None:
        sheets = [s.id for s in plan.sheets if (course.root / "source" / s.id).is_dir()]
        sheets = sheets if plan.has_tracks else sheets[:DEMO_SHEETS]  # with tracks: every track and path
    now = max(plan.sheet(s).due for s in sheets) + timedelta(days=1)
    reset_demo_state(course)
    planted = ("", "")
    for sheet_id in sheets:
        console.rule(f"[bold]{sheet_id}")
        release(course, sheet_id)
        cohort = simulate(course, sheet_id, n_students=n_students, seed=seed)
        if sheet_id == sheets[0]:  # a copy for the similarity report to find
            planted = plant_demo_copy(course, sheet_id, cohort, seed)
            console.print(f"{planted[1]} handed in a disguised copy of {planted[0]}'s answers", markup=False)
        collect(course, sheet_id)
        print_outcomes(autograde(course, sheet_id), sheet_id)
        console.print(f"a TA graded {grade_by_hand(course, sheet_id, seed)} written answers by hand")
        feedback_dir = feedback(course, sheet_id, now)
    result, paths = write_reports(course, course.root, now)
    similarity, similarity_csv, similarity_page = write_similarity(course, sheets[0])
    console.rule("[bold]done")
    console.print(f"feedback: {feedback_dir}/<student>/<sheet>/*.html (also released to {course.exchange_root})",
                  markup=False, soft_wrap=True)
    print_summary(result, paths)
    top = similarity.pairs[0]
    console.print(f"similarity of {sheets[0]}: {similarity_csv} and {similarity_page}; most similar: {top.a.name} "
                  f"and {top.b.name} ({top.similarity:.0%}); planted copy: {' and '.join(planted)}", markup=False,
                  soft_wrap=True)
