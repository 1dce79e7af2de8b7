"""Shared fixtures: a throw-away copy of the course directory, and one real pipeline run over every kind."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, sync_playwright

from grading.autograde import Outcome, autograde
from grading.collect import collect
from grading.course import Course
from grading.feedback import feedback
from grading.release import release
from grading.sandbox.backends import _warn_unisolated
from grading.simulate import Kind, simulate
from tests.postgres import PostgresServer

REPO = Path(__file__).resolve().parent.parent
CELL_TIMEOUT = 10  # seconds; keeps the endless-loop submission short in tests
# Debian's Chromium: Playwright's own browser download is not available on the course machines.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def make_course_dir(target: Path) -> Path:
    """A copy of this repository's course (config, plan, sources) with a short cell time limit."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("nbgrader_config.py", "course.toml"):
        shutil.copy(REPO / name, target / name)
    shutil.copytree(REPO / "source", target / "source")
    plan = (target / "course.toml").read_text(encoding="utf-8")
    assert "\ncell_timeout = 30 " in plan
    (target / "course.toml").write_text(plan.replace("\ncell_timeout = 30 ", f"\ncell_timeout = {CELL_TIMEOUT} "))
    return target


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    return make_course_dir(tmp_path / "course")


@pytest.fixture
def warning_unsaid() -> None:
    """The warning that grading runs without a sandbox not printed yet (it is printed once a process)."""
    _warn_unisolated.cache_clear()


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
