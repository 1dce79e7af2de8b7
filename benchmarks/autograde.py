"""Our sandboxed, parallel autograder against `nbgrader autograde` on the same submissions, in one run.

    .venv/bin/python benchmarks/autograde.py [--students 100] [--sheet sheet01]

A simulated cohort (full, partial, stub, syntax error, runtime crash, late;
no endless loops, whose time-outs would only measure the limit) submits one
sheet. The same collected submissions are graded
  - by `nbgrader autograde` (a kernel per notebook, one after another), in a copy of the course;
  - by `grading autograde` (warm bubblewrap workers, one per core);
and the floor is the submissions' own execution time in one warm process divided by
the number of cores. Prints wall time, submissions per minute, the speed-up, our
time over the floor, and whether every cell's score agrees; then the judge's cost
per test cell: the autograded notebooks (hidden tests restored) run in one warm
worker with their test cells in the judge, against the same cells all in the
student's process.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbgrader import utils
from rich.console import Console
from rich.table import Table

from grading.autograde import autograde
from grading.collect import collect
from grading.course import Course, put_own_tools_on_path
from grading.release import release
from grading.simulate import Kind, simulate
from grading.simulate.cohort import assign_kinds

REPO = Path(__file__).resolve().parent.parent
HONEST = {Kind.FULL, Kind.PARTIAL, Kind.STUB, Kind.SYNTAX_ERROR, Kind.CRASH, Kind.LATE}


def make_course(root: Path) -> Course:
    root.mkdir(parents=True)
    for name in ("nbgrader_config.py", "course.toml"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "source", root / "source")
    return Course(root)


def cell_scores(course: Course, sheet: str) -> dict[tuple[str, str], float]:
    with course.gradebook() as gb:
        return {(s.student.id, g.name): g.score for s in gb.find_assignment(sheet).submissions
                for nb in s.notebooks for g in nb.grades}


def nbgrader_autograde(course: Course, root: Path, sheet: str) -> tuple[float, Course]:
    """`nbgrader autograde` with nbgrader's own steps (its Execute, a kernel per notebook) in a copy of the
    course; its wall time and the copy."""
    shutil.copytree(course.root, root)
    with (root / "nbgrader_config.py").open("a") as config:
        config.write("\ndel c.Autograde.autograde_preprocessors  # nbgrader's own steps: its Execute, a kernel\n")
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "autograde", sheet, "--force",
                    "--log-level=ERROR"], cwd=root, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started, Course(root)


def floor_seconds(course: Course, sheet: str, students: list[str]) -> float:
    """Run every submission's code cells in this (warm) process, one namespace per submission."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    total = 0.0
    for student in students:
        for path in course.path("submitted", student, sheet).glob("*.ipynb"):
            cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
            namespace: dict = {"__name__": "__main__"}
            started = time.perf_counter()
            for source in cells:
                with contextlib.suppress(BaseException):  # a student's error is part of the run
                    exec(compile(source, "<cell>", "exec"), namespace)
            total += time.perf_counter() - started
            plt.close("all")
    return total


def judge_cost(course: Course, sheet: str, students: list[str]) -> tuple[float, int]:
    """Seconds more per test cell when test cells run in the judge than in the student's process, and their count."""
    from grading.sandbox.backends import UnsafeBackend
    from grading.sandbox.limits import Limits

    notebooks = [[c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
                 for student in students for path in course.path("autograded", student, sheet).glob("*.ipynb")]
    worker = UnsafeBackend()  # no isolation needed to time the protocol, and the same worker for both runs
    seconds = {True: 0.0, False: 0.0}
    try:
        for judged in (False, True, False, True):  # interleaved, so a warming cache favours neither
            for cells in notebooks:
                requests = [{"source": c.source, "test": judged and bool(utils.is_grade(c))} for c in cells]
                started = time.perf_counter()
                worker.run(requests, {}, Limits())
                seconds[judged] += time.perf_counter() - started
    finally:
        worker.stop()
    tests = sum(bool(utils.is_grade(c)) for cells in notebooks for c in cells)
    return (seconds[True] - seconds[False]) / 2 / max(tests, 1), tests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--sheet", default="sheet01")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    console = Console()
    put_own_tools_on_path()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        course = make_course(Path(tmp) / "ours")
        release(course, args.sheet)
        import numpy as np

        kinds = [k for k in assign_kinds(args.students * 3, np.random.default_rng(args.seed)) if k in HONEST]
        simulate(course, args.sheet, n_students=args.students, seed=args.seed, kinds=kinds[: args.students])
        students = collect(course, args.sheet)
        nbgrader_seconds, theirs = nbgrader_autograde(course, Path(tmp) / "nbgrader", args.sheet)

        started = time.perf_counter()
        outcomes = autograde(course, args.sheet, workers=cores)
        our_seconds = time.perf_counter() - started

        floor = floor_seconds(course, args.sheet, students) / cores
        ours_scores, their_scores = cell_scores(course, args.sheet), cell_scores(theirs, args.sheet)
        per_test_cell, test_cells = judge_cost(course, args.sheet, students)
        differing = [key for key in their_scores if ours_scores.get(key) != their_scores[key]]

    n = len(students)
    table = Table(title=f"autograding {n} submissions of {args.sheet} on {cores} cores")
    for column in ("", "wall time", "submissions / min", "speed-up over nbgrader", "time over floor"):
        table.add_column(column, justify="right")
    table.add_row("nbgrader autograde", f"{nbgrader_seconds:.1f} s", f"{60 * n / nbgrader_seconds:.0f}", "1.0",
                  f"{nbgrader_seconds / floor:.1f}")
    table.add_row("grading autograde (bubblewrap)", f"{our_seconds:.1f} s", f"{60 * n / our_seconds:.0f}",
                  f"{nbgrader_seconds / our_seconds:.1f}", f"{our_seconds / floor:.1f}")
    table.add_row("floor (own execution / cores)", f"{floor:.1f} s", f"{60 * n / floor:.0f}", "", "1.0")
    console.print(table)
    console.print(f"graded: {sum(o.graded for o in outcomes)} of {n}; cell scores agreeing with nbgrader: "
                  f"{len(their_scores) - len(differing)} of {len(their_scores)}"
                  + (f" (differing: {differing[:5]})" if differing else ""))
    console.print(f"judge's cost per test cell: {1000 * per_test_cell:.1f} ms (over {test_cells} test cells, against "
                  "the same cells run in the student's process)")
    console.print(f"speed-up: {nbgrader_seconds / our_seconds:.1f}x nbgrader, {our_seconds / floor:.1f}x over floor, "
                  "p95 submit-to-feedback: n/a (a batch; see benchmarks/rush.py)")


if __name__ == "__main__":
    main()
