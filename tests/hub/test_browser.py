"""A sheet's whole round trip through a real JupyterHub, clicked through in Chromium as the people do it.

A student signs in, fetches sheet01 in nbgrader's Assignments panel, solves ONE function, validates,
saves and submits; another student cannot get at that submission; the instructor collects and
autogrades with our commands; admission.csv credits exactly that function's points; the student
fetches the feedback and reads their standing; a TA sees the submission in the formgrader, a
student is turned away from it.

Every step in the browser is timed (test-artifacts/hub-browser/durations.txt, and printed); a
failing step leaves screenshots of every open page there and names them in the error.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

from grading.autograde import autograde
from grading.collect import collect
from grading.course import Course
from grading.exports import write_reports
from grading.feedback import feedback
from grading.simulate.kinds import solutions
from tests.conftest import REPO
from tests.hub import lab
from tests.sheets.harness import checks_of, graded_test_cells

SHEET = "sheet01"
NOTEBOOK = "sheet01"
FUNCTION = "center"  # the one answer cell the student fills in
ARTIFACTS = REPO / "test-artifacts" / "hub-browser"
PAGE_TIMEOUT = 60_000  # ms for any single wait: the machine is shared and slow


class Steps:
    """Times each step of the story; a failing step screenshots every open page and says where."""

    def __init__(self, browser: Browser, folder: Path) -> None:
        self.browser = browser
        self.folder = folder
        self.durations: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.monotonic()
        try:
            yield
        except Exception as exc:
            exc.add_note(f"step '{name}' failed after {time.monotonic() - start:.1f} s; "
                         f"screenshots: {', '.join(map(str, self.screenshots(name)))}")
            raise
        finally:
            self.durations[name] = time.monotonic() - start

    def screenshots(self, step: str) -> list[Path]:
        """All pages of all users: a step of one user often fails because of another's (e.g. the TA's)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for i, page in enumerate(page for context in self.browser.contexts for page in context.pages):
            path = self.folder / f"{re.sub(r'[^A-Za-z0-9]+', '-', step)}-{i}.png"
            page.screenshot(path=str(path))
            paths.append(path)
        return paths

    def summary(self) -> str:
        lines = [f"{seconds:7.1f} s  {name}" for name, seconds in self.durations.items()]
        return "\n".join([*lines, f"{sum(self.durations.values()):7.1f} s  total"])


@pytest.fixture(scope="module")
def steps(browser: Browser) -> Iterator[Steps]:
    """The module's steps, timed; the durations are written when the module is done, pass or fail."""
    recorder = Steps(browser, ARTIFACTS)
    yield recorder
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "durations.txt").write_text(recorder.summary() + "\n", encoding="utf-8")
    print(f"\nbrowser steps:\n{recorder.summary()}")


@pytest.fixture(scope="module")
def signed_in(hub, browser: Browser, steps: Steps) -> Iterator[Callable[[str], Page]]:
    """user -> a page of that user's JupyterLab, signed in once per module in a browser context of their own."""
    pages: dict[str, Page] = {}

    def page_of(user: str) -> Page:
        if user not in pages:
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.set_default_timeout(PAGE_TIMEOUT)
            pages[user] = context.new_page()
            with steps(f"sign in as {user}"):
                lab.login(pages[user], hub.url, user, hub.password(user))
        return pages[user]

    yield page_of
    for page in pages.values():
        page.context.close()


@dataclass
class Submission:
    """What the first student did in JupyterLab, and what it should be worth."""

    student: str
    page: Page
    released: nbformat.NotebookNode  # the notebook as the student fetched it
    validation: str  # the text of nbgrader's Validate dialog
    points: dict[str, float]  # grade_id -> points of every autograded test cell of the notebook
    solved: list[str]  # the test cells of FUNCTION

    @property
    def expected(self) -> float:
        return sum(self.points[test] for test in self.solved)


@pytest.fixture(scope="module")
def submission(hub, signed_in: Callable[[str], Page], steps: Steps) -> Submission:
    """The first student solves FUNCTION of the released sheet in JupyterLab and submits it."""
    source, released = (nbformat.read(hub.course.root / step / SHEET / f"{NOTEBOOK}.ipynb", as_version=4)
                        for step in ("source", "release"))
    (cell,) = [i for i, c in enumerate(released.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == FUNCTION]
    student = hub.students[0]
    page = signed_in(student)
    with steps("fetch"):
        lab.fetch(page, SHEET)
    with steps("open notebook"):
        lab.open_notebook(page, SHEET, NOTEBOOK)
    with steps("type the solution"):
        lab.replace_cell_source(page, cell, solutions(source)[FUNCTION])
    with steps("save"):
        lab.save(page)
    with steps("validate"):
        validation = lab.validate(page)
    with steps("submit"):
        lab.submit(page, SHEET)
    return Submission(student, page, released, validation, graded_test_cells(source), checks_of(FUNCTION, source))


@pytest.fixture(scope="module")
def course(hub) -> Course:
    """The hub's course, where the first student's submission of today counts as on time.

    The copy keeps Course A's real due dates, long past when the test runs; a submission more than
    max_days late scores zero. The instructor grants an extension then, as course.toml provides.
    """
    plan = hub.course.plan
    late_by = datetime.now(UTC) - plan.sheet(SHEET).due
    if late_by.total_seconds() > 0:
        with plan.path.open("a", encoding="utf-8") as file:
            file.write(f'\n[[extensions]]\nstudent = "{hub.students[0]}"\nsheet = "{SHEET}"\n'
                       f"days = {late_by.days + 2}\n")
    return Course(hub.course.root)  # a plan of its own, read again


@pytest.fixture(scope="module")
def graded(course: Course, submission: Submission, steps: Steps) -> Submission:
    """The instructor collects and autogrades the sheet with our pipeline."""
    with steps("collect"):
        assert submission.student in collect(course, SHEET)
    with steps("autograde"):
        outcomes = {outcome.student: outcome for outcome in autograde(course, SHEET)}
    assert outcomes[submission.student].graded, outcomes[submission.student]
    return submission


def test_validation_passes_the_solved_function_only(submission: Submission) -> None:
    first_lines = {c.metadata["nbgrader"]["grade_id"]: c.source.splitlines()[0] for c in submission.released.cells
                   if c.metadata.get("nbgrader", {}).get("grade_id") in submission.points}
    failed = {test for test, line in first_lines.items() if line in submission.validation}
    assert "The following cell failed" in submission.validation
    assert failed == set(submission.points) - set(submission.solved)


def test_second_student_cannot_see_the_submission(hub, submission: Submission, signed_in: Callable[[str], Page],
                                                  steps: Steps) -> None:
    other = hub.students[1]
    page = signed_in(other)
    with steps("second student's Assignments panel"):
        lab.open_assignments(page)
        expect(lab.assignment_row(page, "released", SHEET)).to_be_visible()
        expect(page.locator("#submitted_assignments_list > .list_item")).to_have_count(0)
    inbound = hub.course.exchange_root / hub.course.course_id / "inbound"
    (path,) = inbound.glob(f"{submission.student}+{SHEET}+*/{NOTEBOOK}.ipynb")

    def run_as(user: str, *command: str | Path) -> subprocess.CompletedProcess:
        return subprocess.run(["runuser", "-u", user, "--", *map(str, command)], capture_output=True, text=True,
                              timeout=60, check=False)

    assert run_as(submission.student, "cat", path).returncode == 0, "the student cannot read their own submission"
    for attempt, command in {"list the exchange's inbound folder": ("ls", inbound),
                             "read the submission, even knowing its path": ("cat", path)}.items():
        result = run_as(other, *command)
        assert result.returncode != 0 and "Permission denied" in result.stderr, f"{other} could {attempt}"


def test_admission_csv_credits_the_solved_function(course: Course, graded: Submission, tmp_path: Path) -> None:
    assert 0 < graded.expected < sum(graded.points.values())
    with course.gradebook() as gb:
        scores = {test: gb.find_grade(test, NOTEBOOK, SHEET, graded.student).score for test in graded.points}
    assert scores == {test: graded.points[test] if test in graded.solved else 0 for test in graded.points}
    _, (admission, *_) = write_reports(course, tmp_path)
    table = pd.read_csv(admission, dtype={"id": str}).set_index("id")
    assert table.loc[graded.student, SHEET] == graded.expected
    assert table.loc[graded.student, "points"] == graded.expected


def test_student_reads_feedback_with_standing(course: Course, graded: Submission, steps: Steps) -> None:
    with steps("generate and release feedback"):
        feedback(course, SHEET)
    with steps("fetch feedback"):
        lab.fetch_feedback(graded.page, SHEET)
    with steps("open feedback"):
        page = lab.open_feedback(graded.page, SHEET, NOTEBOOK)
        total = course.plan.sheet(SHEET).points
        expect(page.get_by_text(f"{SHEET} (Score: {graded.expected:.1f} / {total:.1f})")).to_be_visible()
        expect(page.locator(".course-standing")).to_contain_text(f"Your standing: {graded.expected:g} of ")


def test_ta_sees_the_submission_in_the_formgrader(hub, course: Course, graded: Submission,
                                                  signed_in: Callable[[str], Page], steps: Steps) -> None:
    formgrader = signed_in(hub.tas[0]).context.new_page()
    with steps("TA opens the formgrader"):
        lab.open_formgrader(formgrader, hub.formgrader_url)
    with steps("TA opens the sheet's submissions"):
        rows = lab.submissions(formgrader, SHEET)
        mine = rows.filter(has=formgrader.get_by_role("gridcell", name=graded.student, exact=True))
        expect(mine.locator(".score")).to_have_text(f"{graded.expected:g} / {course.plan.sheet(SHEET).points:g}")


def test_student_is_refused_by_the_formgrader(hub, signed_in: Callable[[str], Page], steps: Steps) -> None:
    page = signed_in(hub.students[1])
    with steps("student tries the formgrader"):
        response = page.goto(f"{hub.formgrader_url}/formgrader")
        assert response is not None and response.status == 403, response and response.status
        refusal = f"403 : You do not have permission to access JupyterHub service {hub.course.course_id}"
        expect(page.get_by_role("heading", name=refusal, exact=True)).to_be_visible()
