"""`grading serve`: grade each submission as it arrives in the exchange and release its feedback at once.

It watches the course's inbound folder; when a sheet's submissions change it does, under the sheet's lock (so
never together with a TA's `grading autograde` of that sheet), what the TA would: the verifying collect
(grading.exchange.VerifiedCollect), grading of what is not graded yet (grading.autograde, in the sandbox with
the sheet's limits, on a pool of grading processes kept warm for the service's life), then the feedback of the
sheet's `on_submit` rule (grading.early_feedback). A resubmission replaces the earlier result as it does for
the TA; the TA's `grading autograde` at the deadline finds everything already graded and does only the rest.

Nothing lives only in memory: what is graded is the gradebook's and autograde's records, and what was released
and how many submissions a student had graded per day is in .grading/serve/SHEET/STUDENT.json (written
atomically). A service killed at any moment, started again, grades and releases what is missing, nothing twice.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from nbgrader.utils import parse_utc

from grading.autograde import Outcome, check_backend, grade_pending, read_state, start_worker
from grading.backups import backup_gradebook
from grading.collect import collect_locked
from grading.course import Course
from grading.early_feedback import EARLY_MARK, release_early, release_limit_note
from grading.errors import GradingError
from grading.locks import exclusive, sheet_lock
from grading.progress import console

SERVE_DIR = Path(".grading") / "serve"


@dataclass
class Record:
    """What the service did for one student's sheet: the submissions it graded, and whose feedback it released."""

    graded: list[str] = field(default_factory=list)  # timestamps, for on_submit_limit
    released: str = ""  # the timestamp of the submission whose feedback was released last
    held: str = ""  # the timestamp of the submission over the day's cap whose note was released


def record_path(course: Course, sheet: str, student: str) -> Path:
    return course.root / SERVE_DIR / sheet / f"{student}.json"


def read_record(course: Course, sheet: str, student: str) -> Record:
    try:
        data = json.loads(record_path(course, sheet, student).read_text(encoding="utf-8"))
        return Record(graded=[str(t) for t in data["graded"]], released=str(data["released"]), held=str(data["held"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Record()


def _write_record(course: Course, sheet: str, student: str, record: Record) -> None:
    path = record_path(course, sheet, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(asdict(record)), encoding="utf-8")
    os.replace(partial, path)


def inbound(course: Course) -> dict[str, set[str]]:
    """sheet -> names of its submissions in the exchange's inbound folder (STUDENT+SHEET+TIMESTAMP[+RANDOM])."""
    folder = course.exchange_root / course.course_id / "inbound"
    sheets: dict[str, set[str]] = {}
    try:
        names = os.listdir(folder)
    except OSError:
        return sheets
    for name in names:
        parts = name.split("+")
        if not name.startswith(".") and len(parts) >= 3:
            sheets.setdefault(parts[1], set()).add(name)
    return sheets


def _day(timestamp: str) -> str:
    return f"{parse_utc(timestamp):%Y-%m-%d}"


def _over_limit(course: Course, sheet: str, student: str, limit: int | None) -> bool:
    """Whether the newest collected submission would pass the sheet's cap of graded submissions a day."""
    if limit is None:
        return False
    timestamp = (course.path("submitted", student, sheet) / "timestamp.txt").read_text(encoding="utf-8").strip()
    record = read_record(course, sheet, student)
    return timestamp not in record.graded and sum(_day(t) == _day(timestamp) for t in record.graded) >= limit


@dataclass
class Round:
    """What one round did for one sheet."""

    sheet: str
    graded: list[Outcome] = field(default_factory=list)
    released: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # over on_submit_limit: left for tomorrow or the deadline


def serve_sheet(course: Course, sheet_id: str, backend: str, pool: Executor | None, now: datetime | None = None,
                ) -> Round:
    """Collect, grade what is new (within each student's cap) and release its feedback, holding the sheet's lock."""
    sheet = course.plan.sheet(sheet_id)
    done = Round(sheet_id)
    with exclusive(sheet_lock(course.root, sheet_id), f"grading autograde {sheet_id}"):
        students = collect_locked(course, sheet_id)
        done.held = [s for s in students if _over_limit(course, sheet_id, s, sheet.on_submit_limit)]
        allowed = [s for s in students if s not in done.held]
        done.graded = grade_pending(course, sheet_id, allowed, backend, pool=pool, backup=False)
        for outcome in done.graded:
            if outcome.graded:
                record = read_record(course, sheet_id, outcome.student)
                record.graded.append(outcome.timestamp)
                _write_record(course, sheet_id, outcome.student, record)
        for student in students:
            if _release_due(course, sheet_id, student, sheet.on_submit, sheet.on_submit_limit, now):
                done.released.append(student)
    return done


def _official(course: Course, sheet_id: str, student: str) -> str:
    """The timestamp of the submission whose feedback the TA's `grading feedback` put in feedback/, or ''."""
    folder = course.path("feedback", student, sheet_id)
    if (folder / EARLY_MARK).exists() or not (folder / "timestamp.txt").is_file():
        return ""
    return (folder / "timestamp.txt").read_text(encoding="utf-8").strip()


def _release_due(course: Course, sheet_id: str, student: str, rule: str, limit: int | None,
                 now: datetime | None) -> bool:
    """Release the feedback of the student's newest submission, or the note that it waits, unless it is out
    already; whether it released anything."""
    record = read_record(course, sheet_id, student)
    timestamp = (course.path("submitted", student, sheet_id) / "timestamp.txt").read_text(encoding="utf-8").strip()
    state = read_state(course, sheet_id, student)
    if rule == "none" or record.released == timestamp:
        return False
    if _official(course, sheet_id, student) == timestamp:  # the TA's `grading feedback` came first: it stays
        record.released = timestamp
        _write_record(course, sheet_id, student, record)
        return False
    if state is not None and state.graded and state.timestamp == timestamp:
        release_early(course, sheet_id, student, rule, now)
        record.released = timestamp
    elif record.held != timestamp and _over_limit(course, sheet_id, student, limit):
        release_limit_note(course, sheet_id, student, limit or 0)
        record.held = timestamp
    else:
        return False  # failed, or its note is out: grading it is tried again in every round
    _write_record(course, sheet_id, student, record)
    return True


class Service:
    """The service's loop: a warm pool, the inbound folder's listing, and one round per sheet that changed."""

    def __init__(self, course: Course, backend: str, pool: Executor, interval: float = 1.0) -> None:
        self.course, self.backend, self.pool, self.interval = course, backend, pool, interval
        self.seen: dict[str, set[str]] = {}  # the listing of the last round; empty at start: every sheet is looked at
        self.stopping = False

    def round(self, report: Callable[[Round], None] = lambda _: None) -> list[Round]:
        """One look at the inbound folder; a round for each planned sheet whose submissions changed since."""
        rounds = []
        known = set(self.course.plan.sheet_ids)
        for sheet, names in sorted(inbound(self.course).items()):
            if sheet not in known or self.seen.get(sheet) == names:
                continue
            try:
                rounds.append(serve_sheet(self.course, sheet, self.backend, self.pool))
            except GradingError as exc:  # e.g. a TA's run holds the sheet's lock: try again next time
                console.print(f"{sheet}: {exc}", style="yellow", markup=False, highlight=False, soft_wrap=True)
                continue
            self.seen[sheet] = names
            report(rounds[-1])
        return rounds

    def run(self) -> None:
        """Rounds until SIGTERM or SIGINT; the round under way ends first, so nothing is left half-released."""
        def stop(*_: object) -> None:
            self.stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not self.stopping:
            self.round(_report)
            time.sleep(self.interval)


def _report(done: Round) -> None:
    graded = sum(o.graded for o in done.graded)
    failed = [f"{o.student} ({o.reason})" for o in done.graded if not o.graded]
    if graded or failed or done.released:
        console.print(f"{done.sheet}: graded {graded}, feedback released to {len(done.released)}"
                      + (f", over the day's limit {len(done.held)}" if done.held else "")
                      + (f", failed: {'; '.join(failed)}" if failed else ""), markup=False, highlight=False,
                      soft_wrap=True)
        sys.stdout.flush()


def serve(course: Course, backend: str | None = None, unsafe: bool = False, workers: int | None = None,
          interval: float = 1.0) -> None:
    """`grading serve`: back the gradebook up once, then serve until stopped."""
    backend = check_backend(course, backend, unsafe)
    backup_gradebook(course, "serve")
    workers = workers or os.cpu_count() or 1
    console.print(f"grading serve: watching {course.exchange_root / course.course_id / 'inbound'} with {workers} "
                  f"warm {backend} graders; feedback by each sheet's on_submit", markup=False, highlight=False)
    with warm_pool(course, backend, workers) as pool:
        console.print("grading serve: ready", markup=False, highlight=False)
        sys.stdout.flush()  # a log file is block-buffered: whoever waits for this line must see it now
        Service(course, backend, pool, interval).run()


def warm_pool(course: Course, backend: str, workers: int) -> ProcessPoolExecutor:
    """Grading processes whose sandboxes start now, not when the first student waits for one."""
    pool = ProcessPoolExecutor(max_workers=workers)
    for started in [pool.submit(start_worker, str(course.root), backend) for _ in range(workers)]:
        started.result()
    return pool
