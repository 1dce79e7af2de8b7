"""TA step: grade the collected submissions of a sheet into nbgrader's gradebook, sandboxed and in parallel.

For each submission nbgrader's own autograde pipeline runs, as the course's
nbgrader_config.py sets it up for `nbgrader autograde` too: its Execute step
replaced by a run in a warm sandbox worker (grading.sandbox.execute). A process
pool (or a Dask cluster) grades several submissions at once; each process keeps
its own warm worker.

The gradebook is the source of truth: a submission counts as graded only if the
gradebook has every test cell scored for its current timestamp, autograded/ holds
its notebooks, and its record in .grading/state/SHEET/STUDENT.json (written
atomically once grading it finished, removed when grading it starts) says so.
A run killed half-way, a gradebook restored from a backup or a deleted
autograded/ folder: the next run grades exactly what is missing, and a later
submission (new timestamp) without regrading the others (`force` regrades all).
One run per sheet at a time (grading.locks).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat
import pandas as pd
from nbgrader.api import MissingEntry
from nbgrader.converters import Autograde
from nbgrader.preprocessors import Execute
from nbgrader.utils import parse_utc
from rich.table import Table
from traitlets.utils.importstring import import_item

from grading.backups import backup_gradebook
from grading.course import CONFIG_FILE, Course, failure_reason, quiet_nbgrader_warnings
from grading.errors import GradingError
from grading.gradebook import graded_in_gradebook, utc
from grading.locks import exclusive, sheet_lock
from grading.metadata_check import checked_once
from grading.progress import console, progress_bar
from grading.sandbox.backends import backend_class
from grading.sandbox.execute import SandboxExecute, recorded_reasons, worker

STATE_DIR = Path(".grading") / "state"
GRADED, FAILED = "graded", "failed"


@dataclass(frozen=True)
class Outcome:
    student: str
    graded: bool
    reason: str = ""
    limits: tuple[str, ...] = ()  # limits a cell hit (time-outs, memory), the submission still graded
    seconds: float = 0.0
    timestamp: str = ""


# (path, digest of its bytes) -> the problem of a notebook file, "" for none: a long-lived process (grading serve,
# which looks at every graded submission of a sheet in each round) validates each version of a file once; by
# content, not by mtime and size, which a student sets as they like
_VALIDATED: dict[tuple[str, str], str] = {}


def unreadable_notebooks(folder: Path) -> list[str]:
    """One message per notebook in a submission folder that is not a valid notebook file."""
    problems = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            content = path.read_bytes()
        except OSError as exc:
            problems.append(f"{path}: not a valid notebook ({exc.strerror})")
            continue
        key = (str(path), hashlib.sha256(content).hexdigest())
        if key not in _VALIDATED:
            _VALIDATED[key] = _problem(path, content)
        if _VALIDATED[key]:
            problems.append(_VALIDATED[key])
    return problems


def _problem(path: Path, content: bytes) -> str:
    try:
        nbformat.validate(nbformat.reads(content.decode("utf-8"), as_version=4))
    except Exception as exc:  # any parse or schema error means the same to the TA
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"{path}: not a valid notebook ({first_line})"
    return ""


def _submitted_timestamp(course: Course, student: str, sheet: str) -> str:
    path = course.path("submitted", student, sheet) / "timestamp.txt"
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


def state_path(course: Course, sheet: str, student: str) -> Path:
    return course.root / STATE_DIR / sheet / f"{student}.json"


def read_state(course: Course, sheet: str, student: str) -> Outcome | None:
    path = state_path(course, sheet, student)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Outcome(**{**data, "limits": tuple(data.get("limits", ()))})
    except (OSError, ValueError, TypeError):
        return None


def _write_state(course: Course, sheet: str, outcome: Outcome) -> None:
    path = state_path(course, sheet, outcome.student)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(asdict(outcome)), encoding="utf-8")
    os.replace(partial, path)


def pending(course: Course, sheet: str, students: Iterable[str], force: bool = False) -> list[str]:
    """The students whose newest submission is not graded (all of them with force)."""
    students = list(students)
    if force:
        return students
    in_gradebook = graded_in_gradebook(course.db_url, course.course_id, sheet)
    return [s for s in students if not _is_graded(course, sheet, s, in_gradebook.get(s))]


def _is_graded(course: Course, sheet: str, student: str, in_gradebook: tuple[pd.Timestamp, list[str]] | None) -> bool:
    """Record, gradebook and autograded/ agree that the submission of the current timestamp was graded."""
    state, timestamp = read_state(course, sheet, student), _submitted_timestamp(course, student, sheet)
    if state is None or not state.graded or not timestamp or state.timestamp != timestamp or in_gradebook is None:
        return False
    graded_at, notebooks = in_gradebook
    if graded_at != utc(parse_utc(timestamp)):
        return False
    folder = course.path("autograded", student, sheet)
    return all((folder / f"{name}.ipynb").is_file() for name in notebooks) and not unreadable_notebooks(folder)


# --- in a grading process (pool worker or Dask worker) -------------------------------------------

_COURSES: dict[tuple[str, str], Course] = {}


def _warm(root: str, backend: str) -> Course:
    """This process's course, set to grade with this backend, made on first use and kept (as is the backend's
    warm worker, in grading.sandbox.execute)."""
    key = (root, backend)
    if key not in _COURSES:
        course = Course(root)
        converter, _ = _configured_steps(course)
        course.config.Autograde.sanitize_preprocessors = checked_once(converter.sanitize_preprocessors)
        course.config.Autograde.autograde_preprocessors = checked_once(sandboxed_steps(course))
        course.config.SandboxExecute.backend = backend
        _COURSES[key] = course
    return _COURSES[key]


def start_worker(root: str, backend: str) -> None:
    """Warm this grading process up before the first submission arrives (`grading serve`): the course, and the
    backend's worker, which takes seconds to start (it imports torch)."""
    _warm(root, backend)
    started = worker(backend)
    with started.lock:
        if started.process is None:
            started.start()


def grade_one(root: str, sheet: str, student: str, backend: str) -> Outcome:
    """Grade one submission with nbgrader's pipeline and the sandboxed execute step."""
    quiet_nbgrader_warnings()
    started = time.monotonic()
    course = _warm(root, backend)
    state_path(course, sheet, student).unlink(missing_ok=True)  # from here on, its earlier result is void
    timestamp = _submitted_timestamp(course, student, sheet)
    problems = unreadable_notebooks(course.path("submitted", student, sheet))
    if problems:
        return Outcome(student, False, "; ".join(problems), timestamp=timestamp)
    if course.planned:  # course.toml's grace period and extensions, as nbgrader's extension (needs a due date)
        with course.gradebook() as gb:
            if gb.find_assignment(sheet).duedate is not None:
                gb.update_or_create_submission(sheet, student, extension=course.plan.extension(student, sheet))
    result = course.api().autograde(sheet, student, force=True)
    seconds = time.monotonic() - started
    if not result["success"]:
        return Outcome(student, False, failure_reason(result), seconds=seconds, timestamp=timestamp)
    notebooks = sorted(course.path("autograded", student, sheet).glob("*.ipynb"))
    limits = tuple(dict.fromkeys(reason for path in notebooks for reason in recorded_reasons(path)))
    return Outcome(student, True, limits=limits, seconds=seconds, timestamp=timestamp)


# --- in the grader's own process -----------------------------------------------------------------


SANDBOX_STEP = "grading.sandbox.execute.SandboxExecute"


def _configured_steps(course: Course) -> tuple[Autograde, list[type]]:
    """nbgrader's Autograde as the course configures it, and the classes of its autograde steps."""
    converter = Autograde(coursedir=course.coursedir, config=course.config)
    steps = converter.autograde_preprocessors
    try:
        return converter, [import_item(s) if isinstance(s, str) else s if isinstance(s, type) else type(s)
                           for s in steps]
    except (ImportError, ValueError) as exc:
        raise GradingError(f"{course.root / CONFIG_FILE}: c.Autograde.autograde_preprocessors: {exc}") from None


def sandboxed_steps(course: Course) -> list:
    """The course's autograde steps (nbgrader's own unless its nbgrader_config.py lists others) with nbgrader's
    Execute, a kernel with the grader's rights, replaced by SandboxExecute: what `grading autograde` runs in any
    course, and what the lines in README.md give a course's own `nbgrader autograde` and formgrader."""
    converter, classes = _configured_steps(course)
    has_sandbox = any(issubclass(c, SandboxExecute) for c in classes)
    steps = []
    for step, kind in zip(converter.autograde_preprocessors, classes, strict=True):
        if issubclass(kind, Execute):
            steps += [] if has_sandbox else [SANDBOX_STEP]
        else:
            steps.append(step)
    return steps


def runs_sandboxed(course: Course) -> bool:
    """Whether the course's own `nbgrader autograde` (and formgrader) runs submissions in the sandbox."""
    _, classes = _configured_steps(course)
    return any(issubclass(c, SandboxExecute) for c in classes) and not any(issubclass(c, Execute) for c in classes)


def add_missing_students(course: Course, students: list[str], create: bool) -> None:
    """Students with a submission but not in the gradebook, added to it as `nbgrader autograde` does (its
    Autograde.create_student, on by default, or --create); without that, a clear error before any grading."""
    create = create or Autograde(coursedir=course.coursedir, config=course.config).create_student
    with course.gradebook() as gb:
        known = {student.id for student in gb.students}
        missing = [student for student in students if student not in known]
        if missing and not create:
            raise GradingError(
                f"{course.db_url}: not in the gradebook: {', '.join(missing)}; --create adds them (as "
                f"`nbgrader autograde --create` does), or list them in {course.plan.roster.name} before collecting")
        for student in missing:
            gb.add_student(student)


def check_in_gradebook(course: Course, sheet_id: str) -> None:
    """The sheet must be planned (course.toml, if any) and known to the gradebook, whose cells it is graded by."""
    course.plan.sheet(sheet_id)
    with course.gradebook() as gb:
        try:
            gb.find_assignment(sheet_id)
        except MissingEntry:
            raise GradingError(f"{course.db_url}: no assignment '{sheet_id}' in the gradebook: release it first "
                               f"(`grading release {sheet_id}`)") from None


def check_backend(course: Course, backend: str | None, unsafe: bool) -> str:
    """The backend to use (by default the course's SandboxExecute.backend): refuse when its sandbox is missing."""
    name = "unsafe" if unsafe else backend or SandboxExecute(config=course.config).backend
    backend_class(name).check_available()
    return name


def _pool_results(root: str, sheet: str, todo: list[str], backend: str, workers: int,
                  pool: Executor | None = None) -> Iterator[Outcome]:
    """Outcomes as they come, from the given pool (kept warm by its owner, `grading serve`) or a pool of our own."""
    if pool is None:
        with ProcessPoolExecutor(max_workers=workers) as own:
            yield from _pool_results(root, sheet, todo, backend, workers, own)
        return
    futures = {pool.submit(grade_one, root, sheet, student, backend): student for student in todo}
    for future in as_completed(futures):
        yield _result(future, futures[future])


def _dask_results(root: str, sheet: str, todo: list[str], backend: str, scheduler: str) -> Iterator[Outcome]:
    from distributed import Client
    from distributed import as_completed as dask_completed

    with Client(scheduler) as client:
        futures = client.map(grade_one, [root] * len(todo), [sheet] * len(todo), todo, [backend] * len(todo),
                             pure=False)
        students = dict(zip((f.key for f in futures), todo, strict=True))
        for future in dask_completed(futures):
            yield _result(future, students[future.key])


def _result(future, student: str) -> Outcome:
    try:
        return future.result()
    except Exception as exc:  # a grading process died: record it, the batch goes on
        return Outcome(student, False, f"grading process failed: {type(exc).__name__}: {exc}")


def autograde(
    course: Course,
    sheet_id: str,
    students: Iterable[str] | None = None,
    *,
    backend: str | None = None,
    unsafe: bool = False,
    force: bool = False,
    create: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
) -> list[Outcome]:
    """Grade every collected submission that is not graded (all with force); returns this run's outcomes.

    Runs in any nbgrader course: sandboxed even where the course's own config still runs nbgrader's Execute."""
    check_in_gradebook(course, sheet_id)
    if not runs_sandboxed(course):
        console.print(f"note: {course.root / CONFIG_FILE} runs nbgrader's Execute, so `nbgrader autograde` and the "
                      "formgrader there run student code without a sandbox; `grading autograde` grades in the "
                      "sandbox all the same (README.md: Use it on an existing nbgrader course)", style="yellow",
                      markup=False, highlight=False, soft_wrap=True)
    backend = check_backend(course, backend, unsafe)
    with exclusive(sheet_lock(course.root, sheet_id), f"grading autograde {sheet_id}"):
        collected = list(students) if students is not None else course.submitted_students(sheet_id)
        return grade_pending(course, sheet_id, collected, backend, force=force, create=create, workers=workers,
                             scheduler=scheduler)


def grade_pending(course: Course, sheet_id: str, collected: list[str], backend: str, *, force: bool = False,
                  create: bool = False, workers: int | None = None, scheduler: str | None = None,
                  pool: Executor | None = None, backup: bool = True) -> list[Outcome]:
    """With the sheet's lock held: grade those of `collected` whose submission is not graded yet. `grading serve`
    passes its warm pool, and backs the gradebook up once when it starts rather than before every submission."""
    add_missing_students(course, collected, create)
    todo = pending(course, sheet_id, collected, force)
    if todo and backup:
        backup_gradebook(course, f"autograde-{sheet_id}")
    return _grade(course, sheet_id, todo, len(collected) - len(todo), backend, workers, scheduler, pool)


def _grade(course: Course, sheet_id: str, todo: list[str], skipped: int, backend: str, workers: int | None,
           scheduler: str | None, pool: Executor | None = None) -> list[Outcome]:
    workers = workers or os.cpu_count() or 1
    results = (_dask_results(str(course.root), sheet_id, todo, backend, scheduler) if scheduler
               else _pool_results(str(course.root), sheet_id, todo, backend, workers, pool))  # lazy: on first use
    outcomes: list[Outcome] = []
    counts: Counter[str] = Counter({"already graded": skipped})
    with progress_bar() as bar:
        task = bar.add_task(f"autograde {sheet_id}", total=len(todo), status=_status(counts))
        if todo:
            for outcome in results:
                _write_state(course, sheet_id, outcome)
                outcomes.append(outcome)
                counts[GRADED if outcome.graded else FAILED] += 1
                counts["hit a limit"] += bool(outcome.limits)
                bar.update(task, advance=1, status=_status(counts))
    return sorted(outcomes, key=lambda o: o.student)


def _status(counts: Counter[str]) -> str:
    return " · ".join(f"{key} {value}" for key, value in counts.items() if value)


def print_outcomes(outcomes: list[Outcome], sheet: str) -> None:
    """The summary table that ends a grading run: one row per submission that failed or hit a limit."""
    graded = sum(o.graded for o in outcomes)
    table = Table("student", "state", "reason", title=f"{sheet}: {graded} graded, {len(outcomes) - graded} failed "
                  f"in this run", show_lines=False)
    for outcome in outcomes:
        if not outcome.graded or outcome.limits:
            reason = outcome.reason if not outcome.graded else "graded; " + "; ".join(outcome.limits)
            table.add_row(outcome.student, "graded" if outcome.graded else "failed", reason)
    console.print(table)
