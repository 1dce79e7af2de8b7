"""`grading serve` on real parts: submissions through the exchange, the verifying collect, the bubblewrap
sandbox, the gradebook, and feedback the student fetches from the exchange, without a TA."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import nbformat
import numpy as np
import pytest
from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.utils import notebook_hash

from grading.autograde import autograde
from grading.course import Course
from grading.early_feedback import release_early
from grading.release import release
from grading.serve import Service, read_record, warm_pool
from grading.simulate import Kind, simulate
from grading.simulate.cohort import SIMULATION_DIR, SimulatedSubmit
from grading.simulate.kinds import solutions, submission
from tests.conftest import make_course_dir

SHEET = "sheet01"
LIMIT = 2  # graded submissions a day


@dataclass
class Served:
    course: Course
    pool: object
    full: str  # the student who submitted a full solution
    partial: str

    def service(self) -> Service:
        """A service as after a restart: nothing of an earlier one but the files."""
        return Service(self.course, "bubblewrap", self.pool)

    def page(self, student: str) -> str:
        """The feedback the student's Assignments panel fetches for their newest submission."""
        secret = (self.course.path("submitted", student, SHEET) / "submission_secret.txt").read_text()
        name = notebook_hash(secret=secret, notebook_id=SHEET)
        path = self.course.exchange_root / self.course.course_id / "feedback" / f"{name}.html"
        return path.read_text(encoding="utf-8")

    def points(self, student: str) -> float:
        with self.course.gradebook() as gb:
            return gb.find_submission(SHEET, student).code_score

    def resubmit(self, student: str, kind: Kind, minutes: int) -> None:
        """The student submits again through the exchange, `minutes` after the first time, on the same day."""
        course = self.course
        home = course.root / SIMULATION_DIR / "homes" / student
        released = nbformat.read(course.root / "release" / SHEET / f"{SHEET}.ipynb", as_version=4)
        answers = solutions(nbformat.read(course.root / "solutions" / SHEET / f"{SHEET}.ipynb", as_version=4))
        text = submission(kind, released, answers, np.random.default_rng(minutes))
        (home / SHEET / f"{SHEET}.ipynb").write_text(text, encoding="utf-8")
        first = datetime.fromisoformat((course.path("submitted", student, SHEET) / "timestamp.txt").read_text()
                                       .strip().removesuffix(" UTC")).replace(tzinfo=UTC)
        coursedir = CourseDirectory(config=course.config, assignment_id=SHEET, student_id=student)
        SimulatedSubmit(submitted_at=first.replace(hour=0) + timedelta(minutes=minutes), coursedir=coursedir,
                        authenticator=Authenticator(config=course.config), config=course.config,
                        assignment_dir=str(home), cache=str(home / ".nbgrader_cache")).start()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Two students submitted sheet01 (capped at LIMIT graded submissions a day); one round of the service."""
    root = make_course_dir(tmp_path_factory.mktemp("serve") / "course")
    plan = root / "course.toml"
    plan.write_text(plan.read_text().replace(f'id = "{SHEET}"\n', f'id = "{SHEET}"\non_submit_limit = {LIMIT}\n', 1))
    course = Course(root)
    release(course, SHEET)
    cohort = simulate(course, SHEET, n_students=2, seed=3, kinds=[Kind.FULL, Kind.PARTIAL])
    with warm_pool(course, "bubblewrap", 1) as pool:
        served = Served(course, pool, *cohort["id"])
        first = served.service().round()
        assert [sorted(o.student for o in r.graded if o.graded) for r in first] == [sorted(cohort["id"])]
        yield served


def _hidden_lines(course: Course) -> list[str]:
    source = nbformat.read(course.root / "source" / SHEET / f"{SHEET}.ipynb", as_version=4)
    blocks = [re.search(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", c.source, re.S) for c in source.cells]
    return [line.strip() for b in blocks if b for line in b.group(1).splitlines() if len(line.strip()) > 20]


def test_the_score_is_released_at_once_without_hidden_tests(served: Served) -> None:
    full, partial = served.page(served.full), served.page(served.partial)
    assert "Autograded: <strong>15 of 15</strong>" in full and served.points(served.full) == 15
    points = served.points(served.partial)
    assert 0 < points < 15 and f"Autograded: <strong>{points:g} of 15</strong>" in partial
    assert re.search(r"0 of \d+</td><td[^>]*>\w*Error", partial), "a failed check names its error"
    hidden = _hidden_lines(served.course)
    assert hidden and not [line for line in hidden if line in full or line in partial]


def test_a_restart_neither_regrades_nor_releases_again(served: Served) -> None:
    rounds = served.service().round()
    assert [(r.graded, r.released) for r in rounds] == [([], [])]


def test_a_resubmission_replaces_the_result_up_to_the_cap_then_the_ta_grades_the_rest(served: Served) -> None:
    student = served.partial
    served.resubmit(student, Kind.FULL, minutes=600)
    (done,) = served.service().round()
    assert [o.student for o in done.graded] == [student] and done.released == [student]
    assert served.points(student) == 15 and "Autograded: <strong>15 of 15</strong>" in served.page(student)

    served.resubmit(student, Kind.STUB, minutes=601)  # a third one that day: over the cap
    (done,) = served.service().round()
    assert (done.graded, done.held, done.released) == ([], [student], [student])
    assert "Not graded now" in served.page(student) and served.points(student) == 15

    outcomes = autograde(served.course, SHEET, workers=1)  # the TA's run: only the held one is left to grade
    assert [o.student for o in outcomes] == [student] and served.points(student) < 15
    (done,) = served.service().round()  # its feedback, from the TA's grading, without grading it again
    assert (done.graded, done.released) == ([], [student])
    assert f"Autograded: <strong>{served.points(student):g} of 15</strong>" in served.page(student)
    assert len(read_record(served.course, SHEET, student).graded) == LIMIT


def test_full_feedback_has_the_standing_and_public_hides_hidden_tests(served: Served) -> None:
    course = served.course
    release_early(course, SHEET, served.full, "full")
    assert 'class="course-standing"' in served.page(served.full)
    release_early(course, SHEET, served.full, "public")
    page = served.page(served.full)
    assert "course-standing" not in page and "Autograded" not in page
    assert not [line for line in _hidden_lines(course) if line in page]
