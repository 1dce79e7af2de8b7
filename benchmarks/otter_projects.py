"""Our sandboxed grading of Course B's otter projects against `otter run` on the same submissions, in one run.

    .venv/bin/python benchmarks/otter_projects.py [--students 20] [--project project1-rnn]

A simulated cohort (full, partial, stub; those whose track and path it is) submits one project through the
exchange. The same collected notebooks are graded
  - by `otter run` (otter's local runner: a kernel per notebook, one after another; otter has no
    parallel runner without Docker, and no sandbox);
  - by `grading autograde` (warm bubblewrap workers, one per core), into the nbgrader gradebook;
and every question's score is compared.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

from otter.run import main as otter_run
from rich.console import Console
from rich.table import Table

from grading.autograde import autograde
from grading.collect import collect
from grading.course import Course, put_own_tools_on_path
from grading.otter.project import BUILD_DIR
from grading.release import release
from grading.simulate import Kind, simulate

COURSE_B = Path(__file__).resolve().parent.parent / "courses" / "advanced-ml"
KINDS = [Kind.FULL, Kind.PARTIAL, Kind.PARTIAL, Kind.STUB]


def make_course(tmp: Path) -> Course:
    root = tmp / "courses" / "advanced-ml"  # the exchange is then tmp/.exchange
    root.mkdir(parents=True)
    for name in ("nbgrader_config.py", "course.toml"):
        shutil.copy(COURSE_B / name, root / name)
    shutil.copytree(COURSE_B / "source", root / "source")
    return Course(root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--project", default="project1-rnn")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    console = Console()
    put_own_tools_on_path()
    cores = os.cpu_count() or 1
    project = args.project
    with tempfile.TemporaryDirectory() as tmp:
        course = make_course(Path(tmp))
        release(course, project)
        kinds = [KINDS[i % len(KINDS)] for i in range(args.students)]
        simulate(course, project, n_students=args.students, seed=args.seed, kinds=kinds)
        students = collect(course, project)
        (autograder,) = (course.root / BUILD_DIR / project / project / "autograder").glob("*.zip")

        started = time.perf_counter()
        theirs = {}
        for student in students:
            notebook = course.path("submitted", student, project) / f"{project}.ipynb"
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                results = otter_run(str(notebook), autograder=str(autograder), output_dir=tmp, no_logo=True)
            theirs.update({(student, q): results.get_score(q) for q in results.test_files})
        otter_seconds = time.perf_counter() - started

        started = time.perf_counter()
        outcomes = autograde(course, project, workers=cores)
        our_seconds = time.perf_counter() - started
        with course.gradebook() as gb:
            ours = {(s.student.id, g.name.removeprefix("test_")): g.score
                    for s in gb.find_assignment(project).submissions for nb in s.notebooks for g in nb.grades}
    differing = [key for key, score in theirs.items() if ours.get(key) != score]

    n = len(students)
    table = Table(title=f"grading {n} submissions of {project} (otter format) on {cores} cores")
    for column in ("", "wall time", "submissions / min", "speed-up", "sandbox, limits, gradebook"):
        table.add_column(column, justify="right")
    table.add_row("otter run (one after another)", f"{otter_seconds:.1f} s", f"{60 * n / otter_seconds:.1f}", "1.0",
                  "no")
    table.add_row("grading autograde (bubblewrap)", f"{our_seconds:.1f} s", f"{60 * n / our_seconds:.1f}",
                  f"{otter_seconds / our_seconds:.1f}", "yes")
    console.print(table)
    console.print(f"graded: {sum(o.graded for o in outcomes)} of {n}; question scores agreeing with otter run: "
                  f"{len(theirs) - len(differing)} of {len(theirs)}"
                  + (f" (differing: {differing[:5]})" if differing else ""))


if __name__ == "__main__":
    main()
