"""The `grading` command: one subcommand per step of the pipeline, run from the course directory."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import datetime

from rich.table import Table

from grading.autograde import autograde, print_outcomes
from grading.collect import collect
from grading.course import Course, quiet_nbgrader_warnings
from grading.demo import DEMO_SHEETS, run_demo
from grading.errors import GradingError
from grading.exports import print_summary, write_reports
from grading.feedback import feedback
from grading.hub import launch
from grading.plan import with_threshold
from grading.progress import console
from grading.release import release
from grading.serve import serve
from grading.similarity_report import TOP, write_similarity
from grading.simulate import simulate


def _release(course: Course, args: argparse.Namespace) -> None:
    release(course, args.sheet)
    console.print(f"released {args.sheet}: student version in release/, solutions in solutions/, "
                  f"exchange {course.exchange_root}")


def _simulate(course: Course, args: argparse.Namespace) -> None:
    cohort = simulate(course, args.sheet, n_students=args.students, seed=args.seed)
    table = Table("kind", "students", title=f"simulated submissions of {args.sheet}")
    for kind, count in cohort["kind"].value_counts().sort_index().items():
        table.add_row(kind, str(count))
    console.print(table)


def _collect(course: Course, args: argparse.Namespace) -> None:
    students = collect(course, args.sheet)
    console.print(f"collected {len(students)} submissions of {args.sheet} into submitted/")


def _autograde(course: Course, args: argparse.Namespace) -> None:
    outcomes = autograde(course, args.sheet, args.student or None, backend=args.backend, unsafe=args.unsafe,
                         force=args.force, create=args.create, workers=args.workers, scheduler=args.scheduler)
    print_outcomes(outcomes, args.sheet)


def _serve(course: Course, args: argparse.Namespace) -> None:
    serve(course, backend=args.backend, unsafe=args.unsafe, workers=args.workers, interval=args.interval)


def _apply_threshold(course: Course, args: argparse.Namespace) -> None:
    if args.threshold is not None:
        course.plan = with_threshold(course.plan, args.threshold)


def _feedback(course: Course, args: argparse.Namespace) -> None:
    _apply_threshold(course, args)
    folder = feedback(course, args.sheet, args.now)
    console.print(f"feedback for {args.sheet} in {folder}/<student>/{args.sheet}/ and released to the exchange")


def _admission(course: Course, args: argparse.Namespace) -> None:
    _apply_threshold(course, args)
    result, paths = write_reports(course, course.root, args.now)
    print_summary(result, paths)


def _similarity(course: Course, args: argparse.Namespace) -> None:
    result, csv, page = write_similarity(course, args.sheet, args.top)
    table = Table("author", "author", "similarity", "matched", title=f"most similar answers to {args.sheet}")
    for pair in result.pairs[:5]:
        table.add_row(pair.a.name, pair.b.name, f"{pair.similarity:.0%}", str(pair.matched))
    console.print(table)
    for problem in result.problems:
        console.print(f"not compared: {problem}", markup=False, highlight=False)
    console.print(f"{len(result.pairs)} pairs of {len(result.authors)} authors in {csv}, the top {args.top} "
                  f"side by side in {page}", markup=False, highlight=False, soft_wrap=True)


def _hub(course: Course, args: argparse.Namespace) -> None:
    if args.reset_password:
        password, path = launch.reset_password(course, args.reset_password)
        console.print(f"new password of {args.reset_password}: {password} (in {path})", markup=False,
                      highlight=False)
        return
    settings = launch.prepare(course, args.port)
    console.print(f"JupyterHub for {settings.course_id} at {settings.url}: {len(settings.students)} students "
                  f"and {len(settings.staff)} staff, each with their own password, listed in {settings.passwords} "
                  f"(root only) to hand out; each server may use {settings.memory_bytes // 2**20} MiB, "
                  f"{settings.processes} processes and {settings.cpus:g} cores. "
                  "Ctrl-C stops the hub and every server", markup=False, highlight=False)
    launch.run(settings)


def _demo(course: Course, args: argparse.Namespace) -> None:
    run_demo(course, n_students=args.students, seed=args.seed, sheets=args.sheets)


def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{text!r} has no UTC offset, e.g. 2026-11-21T12:00+01:00")
    return moment


def _share(text: str) -> float:
    share = float(text)
    if not 0 < share <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not a share of the points between 0 and 1, e.g. 0.5")
    return share


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="grading", description=__doc__)
    top.add_argument("--course-dir", default=".", help="the nbgrader course directory (default: .)")
    steps = top.add_subparsers(dest="command", required=True)

    def step(name: str, run: Callable[[Course, argparse.Namespace], None], help: str) -> argparse.ArgumentParser:
        sub = steps.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run)
        return sub

    step("release", _release, "generate student version and solutions of SHEET, release it").add_argument("sheet")
    sim = step("simulate", _simulate, "a seeded cohort fetches SHEET and submits all kinds of notebooks")
    sim.add_argument("sheet")
    demo = step("demo", _demo, "a demo semester: release, simulated cohort, grading, feedback, reports")
    demo.add_argument("--sheets", nargs="+",
                      help=f"sheets to run (default: the first {DEMO_SHEETS} with sources; with tracks: all)")
    for sub in (sim, demo):
        sub.add_argument("--students", type=int, default=40)
        sub.add_argument("--seed", type=int, default=0)
    step("collect", _collect, "collect the newest submission of every student").add_argument("sheet")
    grade = step("autograde", _autograde, "grade the collected submissions of SHEET into the gradebook")
    grade.add_argument("sheet")
    grade.add_argument("--student", action="append", help="grade only this student (repeatable)")
    grade.add_argument("--force", action="store_true", help="regrade submissions that already have a result")
    grade.add_argument("--create", action="store_true", help="add students missing from the gradebook (as nbgrader "
                       "autograde --create; nbgrader's Autograde.create_student, on unless the config turns it off)")
    grade.add_argument("--scheduler", help="address of a Dask scheduler to grade on (e.g. tcp://host:8786)")
    served = step("serve", _serve, "grade each submission as it arrives in the exchange and release its feedback "
                  "at once, by each sheet's on_submit in course.toml (until stopped)")
    served.add_argument("--interval", type=float, default=1.0, help="seconds between looks at the inbound folder")
    for sub in (grade, served):
        sub.add_argument("--backend", help="sandbox backend (default: SandboxExecute.backend in nbgrader_config.py, "
                         "else bubblewrap)")
        sub.add_argument("--unsafe", action="store_true", help="grade WITHOUT a sandbox (prints a warning)")
        sub.add_argument("--workers", type=int, help="parallel graders (default: one per core)")
    fed = step("feedback", _feedback, "generate and release HTML feedback for SHEET (with the student's standing "
               "where the course has an admission rule)")
    fed.add_argument("sheet")
    admission = step("admission", _admission, "write admission.csv (or final_grades.csv), grades.csv and report.html")
    for sub in (fed, admission):
        sub.add_argument("--now", type=_moment, default=None,
                         help="standings as of this ISO time with UTC offset (default: the current time)")
        sub.add_argument("--threshold", type=_share, help="in a course without course.toml: admitted from this share "
                         "of all points of the gradebook's assignments, e.g. 0.5")
    similar = step("similarity", _similarity, "compare the answer cells of every pair of collected submissions of "
                   "SHEET: similarity-SHEET.csv and an HTML report of the most similar pairs")
    similar.add_argument("sheet")
    similar.add_argument("--top", type=int, default=TOP, help=f"pairs shown side by side (default: {TOP})")
    hub = step("hub", _hub, "run JupyterHub on 127.0.0.1 for the roster and the staff named in [hub] of course.toml")
    hub.add_argument("--port", type=int, help="port to listen on (default: `port` in [hub], else 8000)")
    hub.add_argument("--reset-password", metavar="ID", help="give this student or staff member a new password "
                     "(printed and written to the list), and do not start the hub")
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    quiet_nbgrader_warnings()
    try:
        course = Course(args.course_dir)
        with course.group_umask():
            args.run(course, args)
    except (GradingError, FileNotFoundError) as exc:
        console.print(f"error: {exc}", style="red", markup=False, highlight=False, soft_wrap=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
