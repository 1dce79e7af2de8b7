"""A simulated cohort fetching a sheet and submitting it through nbgrader's exchange."""

from __future__ import annotations

import shutil
import zlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
from dateutil.tz import gettz
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit
from traitlets import Instance

from grading.course import Course
from grading.progress import progress_bar
from grading.roster import sync_to_gradebook, write_roster
from grading.simulate.kinds import Kind, solutions, submission
from grading.simulate.paths import takes
from grading.simulate.people import make_roster

# Share of each kind in a cohort; every kind appears at least once when the cohort is large enough.
MIX: dict[Kind, float] = {
    Kind.FULL: 0.35, Kind.PARTIAL: 0.25, Kind.STUB: 0.05, Kind.SYNTAX_ERROR: 0.05, Kind.CRASH: 0.05,
    Kind.INFINITE_LOOP: 0.03, Kind.LATE: 0.08, Kind.CORRUPT: 0.02, Kind.NONE: 0.12,
}
SIMULATION_DIR = ".demo"


class SimulatedSubmit(ExchangeSubmit):
    """nbgrader's own submit, stamped with the simulated clock instead of the wall clock."""

    submitted_at = Instance(datetime)

    def set_timestamp(self) -> None:
        self.timestamp = self.submitted_at.astimezone(gettz(self.timezone)).strftime(self.timestamp_format)


def student_exchange(course: Course, sheet_id: str, student: str) -> dict:
    """The arguments of nbgrader's exchange classes for a simulated student, whose home is in SIMULATION_DIR."""
    home = course.root / SIMULATION_DIR / "homes" / student
    coursedir = CourseDirectory(config=course.config, assignment_id=sheet_id, student_id=student)
    return {"coursedir": coursedir, "authenticator": Authenticator(config=course.config), "config": course.config,
            "assignment_dir": str(home), "cache": str(home / ".nbgrader_cache")}


def assign_kinds(n_students: int, rng: np.random.Generator) -> list[Kind]:
    kinds = list(MIX)[:n_students]
    weights = np.array(list(MIX.values()))
    drawn = rng.choice(len(MIX), size=n_students - len(kinds), p=weights / weights.sum())
    kinds += [list(MIX)[i] for i in drawn]
    rng.shuffle(kinds)
    return kinds


def _submission_time(kind: Kind, due: datetime, rng: np.random.Generator) -> datetime:
    hours = rng.uniform(2, 72) if kind is Kind.LATE else -rng.uniform(1, 120)
    return due + timedelta(hours=float(hours))


def simulate(
    course: Course, sheet_id: str, n_students: int = 40, seed: int = 0, kinds: Sequence[Kind] | None = None
) -> pd.DataFrame:
    """Write the roster, let every student fetch the sheet and submit their kind (none where the sheet is not
    on their track and path); returns id, kind, time."""
    sheet = course.require_plan("simulate").sheet(sheet_id)
    roster = make_roster(n_students, seed)
    write_roster(roster, course.plan.roster)
    with course.gradebook() as gb:
        sync_to_gradebook(roster, gb)
    rng = np.random.default_rng([seed, zlib.crc32(sheet_id.encode())])
    kinds = list(kinds) if kinds is not None else assign_kinds(n_students, rng)
    if len(kinds) != n_students:
        raise ValueError(f"{len(kinds)} kinds given for {n_students} students")
    kinds = [kind if takes(course.plan, student, sheet_id) else Kind.NONE
             for student, kind in zip(roster["id"], kinds, strict=True)]
    # the reference notebooks release wrote (nbgrader's generated solutions, or a converted otter project)
    reference = course.root / course.coursedir.solution_directory / sheet_id
    answers = {path.name: solutions(nbformat.read(path, as_version=4)) for path in reference.glob("*.ipynb")}
    rows = []
    with progress_bar() as bar:
        task = bar.add_task(f"simulate {sheet_id}", total=n_students, status="")
        for student, kind in zip(roster["id"], kinds, strict=True):
            exchange = student_exchange(course, sheet_id, student)
            home = Path(exchange["assignment_dir"])
            shutil.rmtree(home / sheet_id, ignore_errors=True)
            home.mkdir(parents=True, exist_ok=True)
            ExchangeFetchAssignment(**exchange).start()
            submitted_at = _submission_time(kind, sheet.due, rng)
            for path in sorted((home / sheet_id).glob("*.ipynb")):
                text = submission(kind, nbformat.read(path, as_version=4), answers[path.name], rng)
                if text is not None:
                    path.write_text(text, encoding="utf-8")
            if kind is not Kind.NONE:
                SimulatedSubmit(submitted_at=submitted_at, **exchange).start()
            rows.append({"id": student, "kind": str(kind), "submitted_at": None if kind is Kind.NONE else submitted_at})
            bar.update(task, advance=1)
    cohort = pd.DataFrame(rows)
    cohort.to_csv(course.root / SIMULATION_DIR / f"cohort-{sheet_id}.csv", index=False)
    return cohort
