"""Cheating submissions (tests/sandbox/cheats.py) graded by one warm worker, each followed by an honest one.

For every cheat (issue 11): its wrong answers score 0 on every test cell, no
hidden-test text shows in its outputs or feedback, and the honest submission
graded right after it, by the same worker, scores exactly as an honest
submission graded in a batch of its own. Nothing appears in the course
directory, and no other student's grades change.
"""

from __future__ import annotations

import multiprocessing
import re
import threading
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat import NotebookNode

from grading.autograde import Outcome, autograde
from grading.collect import collect
from grading.course import Course
from grading.feedback import feedback
from grading.release import release
from grading.simulate import Kind, simulate
from tests.conftest import REPO, make_course_dir
from tests.sandbox.cheats import CHEATS, cells

SHEET = "sheet01"
FULL_MARKS = 15
DEADLINE = 360  # seconds for grading the batch: a grader that deadlocks fails the tests instead of hanging them
HIDDEN_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.DOTALL)
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
WARNING = re.compile(r"^.*:\d+: \w+: .*\n  .*$", re.MULTILINE)  # as warnings.formatwarning: where, what, the line


def _grade_id(cell: NotebookNode) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def _test_cells(notebook: NotebookNode) -> dict[str, str]:
    """grade id -> source of every autograded test cell."""
    return {_grade_id(c): c.source for c in notebook.cells
            if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")}


SOURCE = nbformat.read(REPO / "source" / SHEET / f"{SHEET}.ipynb", as_version=4)
TEST_CELLS = list(_test_cells(SOURCE))
# distinctive lines of each test cell's hidden tests: what must not leak
HIDDEN = {gid: {line.strip() for block in HIDDEN_BLOCK.findall(source) for line in block.splitlines()
                if len(line.strip()) > 25} for gid, source in _test_cells(SOURCE).items()}
ALL_HIDDEN = set().union(*HIDDEN.values())


@dataclass
class Batch:
    course: Course
    cheaters: dict[str, str]  # cheat -> student
    honest_after: dict[str, str]  # cheat -> the honest student graded right after it
    order: list[str]  # the students of the batch, in the order they were graded
    solo: str  # honest, graded in a batch of its own before
    solo_grades: dict[str, float]
    outcomes: dict[str, Outcome]
    written: set[Path]  # files of the course directory that grading the batch created or changed


def _files(root: Path) -> dict[Path, int]:
    return {path.relative_to(root): path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file()}


def _notebook(course: Course, step: str, student: str) -> Path:
    return course.path(step, student, SHEET) / f"{SHEET}.ipynb"


def _graded_at(course: Course, student: str) -> float:
    path = _notebook(course, "autograded", student)
    return path.stat().st_mtime_ns if path.exists() else float("inf")


def _autograde(course: Course, **options) -> list[Outcome]:
    """autograde with ONE warm worker; if it takes longer than DEADLINE, its pool's processes are killed."""
    watchdog = threading.Timer(DEADLINE, lambda: [p.kill() for p in multiprocessing.active_children()])
    watchdog.start()
    try:
        return autograde(course, SHEET, workers=1, **options)
    finally:
        watchdog.cancel()


def _grades(course: Course, student: str) -> dict[str, float]:
    with course.gradebook() as gb:
        return {gid: gb.find_grade(gid, SHEET, SHEET, student).score for gid in TEST_CELLS}


def _code_score(batch: Batch, student: str) -> float:
    outcome = batch.outcomes[student]
    assert outcome.graded, outcome.reason
    with batch.course.gradebook() as gb:
        return gb.find_submission(SHEET, student).code_score


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """One honest student graded alone, then cheat, honest, cheat, honest, ... by ONE warm worker, then feedback."""
    course = Course(make_course_dir(tmp_path_factory.mktemp("cheating") / "course"))
    release(course, SHEET)
    size = 2 * len(CHEATS) + 1
    simulate(course, SHEET, n_students=size, seed=11, kinds=[Kind.FULL] * size)
    collect(course, SHEET)
    *graded_together, solo = course.submitted_students(SHEET)  # the order autograde takes them in
    cheaters = dict(zip(CHEATS, graded_together[0::2], strict=True))
    honest_after = dict(zip(CHEATS, graded_together[1::2], strict=True))
    for cheat, student in cheaters.items():
        path = _notebook(course, "submitted", student)
        notebook = nbformat.read(path, as_version=4)
        sources = cells(CHEATS[cheat])
        for cell in notebook.cells:
            cell.source = sources.get(_grade_id(cell), cell.source)
        nbformat.write(notebook, path)
    _autograde(course, students=[solo])
    solo_grades = _grades(course, solo)
    before = _files(course.root)
    outcomes = {o.student: o for o in _autograde(course)}  # every student not graded yet
    after = _files(course.root)
    order = sorted(graded_together, key=lambda student: _graded_at(course, student))
    feedback(course, SHEET)
    written = {path for path, mtime in after.items() if before.get(path) != mtime}
    return Batch(course, cheaters, honest_after, order, solo, solo_grades, outcomes, written)


class _OutputAreas(HTMLParser):
    """The text of every output area of a feedback page (nbconvert's classic template), not the cells' sources."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # open <div>s inside an output area
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "div" and (self.depth or "output_subarea" in (dict(attrs).get("class") or "").split()):
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.texts.append(data)


def _output_texts(cell: NotebookNode) -> tuple[str, str]:
    """(what a cell printed, showed or raised; where the grader located an error or a warning in it: the frames of
    its tracebacks, the quoted lines of its warnings), without terminal colours."""
    shown, located = [], []
    for output in cell.get("outputs", []):
        text = ANSI.sub("", output.get("text", ""))
        located += WARNING.findall(text)
        shown += [WARNING.sub("", text), output.get("ename", ""), output.get("evalue", "")]
        shown += [str(value) for value in output.get("data", {}).values()]
        frames = [ANSI.sub("", entry) for entry in output.get("traceback", [])]
        located += [entry for entry in frames if not entry.lstrip().startswith(output.get("ename") or "\0")]
    return "\n".join(shown), "\n".join(located)


def _leaks(course: Course, student: str) -> tuple[set[str], set[str]]:
    """Hidden-test lines in the outputs of the student's autograded notebook, and in the output areas of their
    feedback. Where a test cell's traceback or warning quotes that test's own lines, it is no leak (the feedback
    shows every test cell's source anyway); what the error says, or the cell prints, must quote none."""
    notebook = nbformat.read(_notebook(course, "autograded", student), as_version=4)
    in_notebook, allowed = set(), set()
    for cell in notebook.cells:
        shown, located = _output_texts(cell)
        own = HIDDEN.get(_grade_id(cell), set())
        in_notebook |= {line for line in ALL_HIDDEN if line in shown or (line in located and line not in own)}
        allowed |= {line for line in own if line in located}
    pages = sorted(course.path("feedback", student, SHEET).glob("*.html"))
    assert pages, f"no feedback for {student}"
    parser = _OutputAreas()
    for page in pages:
        parser.feed(page.read_text(encoding="utf-8"))
    areas = "".join(parser.texts)
    return in_notebook, {line for line in ALL_HIDDEN - allowed if line in areas}


def test_hidden_lines_are_distinctive() -> None:
    assert all(len(lines) >= 2 for lines in HIDDEN.values()), HIDDEN
    public = {line.strip() for cell in SOURCE.cells for line in HIDDEN_BLOCK.sub("", cell.source).splitlines()}
    assert not ALL_HIDDEN & public


def test_cheats_and_honest_submissions_alternate(batch: Batch) -> None:
    """Each cheat was graded right before its honest submission, by the one worker."""
    expected = [student for cheat in CHEATS for student in (batch.cheaters[cheat], batch.honest_after[cheat])]
    assert batch.order == expected


def test_honest_alone_has_full_marks(batch: Batch) -> None:
    with batch.course.gradebook() as gb:
        assert gb.find_submission(SHEET, batch.solo).code_score == FULL_MARKS
    assert _leaks(batch.course, batch.solo) == (set(), set())  # the check itself finds nothing in honest outputs


def test_nothing_else_written(batch: Batch) -> None:
    """Grading wrote the gradebook, its own state and the batch's autograded notebooks: nothing else, anywhere."""
    graded = {*batch.cheaters.values(), *batch.honest_after.values()}
    expected = {path for path in batch.written if path.parts[0] == ".grading" or path == Path("gradebook.db")
                or (path.parts[0] == "autograded" and path.parts[1] in graded)}
    assert batch.written - expected == set()
    assert not [*Path("/tmp").glob(".fill-*"), *Path("/dev/shm").glob(".fill-*")]


def test_solo_grades_unchanged(batch: Batch) -> None:
    assert _grades(batch.course, batch.solo) == batch.solo_grades


@pytest.mark.parametrize("cheat", CHEATS)
def test_cheat_scores_zero(batch: Batch, cheat: str) -> None:
    student = batch.cheaters[cheat]
    assert _code_score(batch, student) == 0, batch.outcomes[student]
    assert _grades(batch.course, student) == dict.fromkeys(TEST_CELLS, 0), batch.outcomes[student]


@pytest.mark.parametrize("cheat", CHEATS)
def test_cheat_leaks_no_hidden_tests(batch: Batch, cheat: str) -> None:
    in_notebook, in_feedback = _leaks(batch.course, batch.cheaters[cheat])
    assert in_notebook == set()
    assert in_feedback == set()


@pytest.mark.parametrize("cheat", CHEATS)
def test_honest_after_cheat_unaffected(batch: Batch, cheat: str) -> None:
    student = batch.honest_after[cheat]
    assert _code_score(batch, student) == FULL_MARKS, batch.outcomes[student]
    assert _grades(batch.course, student) == batch.solo_grades
    assert _leaks(batch.course, student) == (set(), set())
