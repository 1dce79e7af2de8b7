"""Shared fixtures: a throw-away copy of the course directory, and one real pipeline run over every kind."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import nbgrader.api
import pandas as pd
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, sync_playwright

from grading.autograde import Outcome, autograde
from grading.collect import collect
from grading.course import Course
from grading.feedback import feedback
from grading.gradebook import utc
from grading.release import release
from grading.sandbox.backends import _warn_unisolated
from grading.simulate import Kind, simulate
from tests.postgres import PostgresServer

REPO = Path(__file__).resolve().parent.parent
# nbgrader runs `alembic heads` in a subprocess for every new gradebook (up to a minute on a loaded machine); the
# answer is the installed nbgrader's own, the same all session, so ask once
nbgrader.api.get_alembic_version = functools.cache(nbgrader.api.get_alembic_version)
CELL_TIMEOUT = 10  # seconds; keeps the endless-loop submission short in tests
# Debian's Chromium: Playwright's own browser download is not available on the course machines.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


# The sheets' gates release each sheet to grade it: they run every reference in nbgrader's autograde, and the
# solutions' own run (nbgrader's Execute in generate_solution) would cost minutes more.
SOLUTIONS_UNRUN = """
from nbgrader.converters import GenerateSolution
c.GenerateSolution.preprocessors = [step for step in GenerateSolution.class_traits()["preprocessors"].default()
                                    if step is not Execute]
"""


def make_course_dir(target: Path, run_solutions: bool = True) -> Path:
    """A copy of this repository's course (config, plan, sources) with a short cell time limit; its release
    leaves the solutions unrun if told."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("nbgrader_config.py", "course.toml"):
        shutil.copy(REPO / name, target / name)
    shutil.copytree(REPO / "source", target / "source")
    plan = (target / "course.toml").read_text(encoding="utf-8")
    assert "\ncell_timeout = 30 " in plan
    (target / "course.toml").write_text(plan.replace("\ncell_timeout = 30 ", f"\ncell_timeout = {CELL_TIMEOUT} "))
    if not run_solutions:
        with (target / "nbgrader_config.py").open("a", encoding="utf-8") as config:
            config.write(SOLUTIONS_UNRUN)
    return target


def plan_from_bank(course_dir: Path, sheet: str, due: str = "2027-02-02T23:59:00+01:00") -> None:
    """Swap a banked sheet into the course copy's plan, as an instructor does: its table moved to [[sheets]]."""
    path = course_dir / "course.toml"
    text = path.read_text(encoding="utf-8")
    banked = f'[[bank]]\nid = "{sheet}"\n'
    assert text.count(banked) == 1, f"{sheet} is not in the bank of {path}"
    path.write_text(text.replace(banked, f'[[sheets]]\nid = "{sheet}"\ndue = {due}\n'), encoding="utf-8")


def in_gradebook(course_dir: Path, sheet: str) -> None:
    """The sheet known to the course's gradebook, as a released one is (without releasing it)."""
    with Course(course_dir).gradebook() as gb:
        gb.update_or_create_assignment(sheet)


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    return make_course_dir(tmp_path / "course")


@pytest.fixture
def warning_unsaid() -> None:
    """The warning that grading runs without a sandbox not printed yet (it is printed once a process)."""
    _warn_unisolated.cache_clear()


# Everything nbgrader keeps of a graded submission, without its random ids.
_CONTENTS = sa.text("""
SELECT sub.student_id AS student, a.name AS sheet, sub.timestamp AS timestamp, sub.extension AS extension,
       n.name AS notebook, nb.late_submission_penalty AS penalty, bc.name AS cell,
       g.auto_score AS auto_score, g.manual_score AS manual_score, g.extra_credit AS extra_credit,
       g.needs_manual_grade AS needs_manual_grade
FROM grade g
JOIN submitted_notebook nb ON nb.id = g.notebook_id
JOIN submitted_assignment sub ON sub.id = nb.assignment_id
JOIN assignment a ON a.id = sub.assignment_id
JOIN notebook n ON n.id = nb.notebook_id
JOIN base_cell bc ON bc.id = g.cell_id
""")


def gradebook_contents(course: Course) -> pd.DataFrame:
    engine = sa.create_engine(course.db_url)
    try:
        with engine.connect() as connection:
            rows = pd.read_sql(_CONTENTS, connection)
    finally:
        engine.dispose()
    rows["timestamp"] = pd.to_datetime([utc(t) for t in rows["timestamp"]]).astype("datetime64[ns]")
    # an Interval: PostgreSQL returns a timedelta, SQLite the moment that far after the epoch
    rows["extension"] = [e if e is None or isinstance(e, timedelta) else pd.Timestamp(e) - pd.Timestamp(0)
                         for e in rows["extension"]]
    rows["extension"] = pd.to_timedelta(rows["extension"]).astype("timedelta64[ns]")
    rows["needs_manual_grade"] = rows["needs_manual_grade"].astype(bool)
    return rows.sort_values(["student", "sheet", "notebook", "cell"]).reset_index(drop=True)


@dataclass
class GradedCohort:
    course: Course
    sheet: str
    cohort: pd.DataFrame
    outcomes: list[Outcome]
    collected: list[str]

    def students(self, kind: Kind) -> list[str]:
        return list(self.cohort.loc[self.cohort["kind"] == str(kind), "id"])

    def student(self, kind: Kind) -> str:
        return self.students(kind)[0]


@pytest.fixture(scope="session")
def graded_cohort(tmp_path_factory: pytest.TempPathFactory) -> GradedCohort:
    """sheet01 released, one student of every kind (two partial ones) submitted, collected, graded, fed back."""
    course = Course(make_course_dir(tmp_path_factory.mktemp("semester") / "course"))
    kinds = [*Kind, Kind.PARTIAL]
    release(course, "sheet01")
    cohort = simulate(course, "sheet01", n_students=len(kinds), seed=7, kinds=kinds)
    collected = collect(course, "sheet01")
    outcomes = autograde(course, "sheet01")
    feedback(course, "sheet01")
    return GradedCohort(course, "sheet01", cohort, outcomes, collected)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """One real PostgreSQL server for the session (each test makes its own databases in it)."""
    server = PostgresServer()
    yield server
    server.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every test that looks at pages the way a person does."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
