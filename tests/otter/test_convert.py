"""otter's student and autograder notebooks -> nbgrader's, on small notebooks in memory: the cells it makes,
and a clear error naming the file for each way the pair can be inconsistent."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from grading.errors import GradingError
from grading.otter.convert import convert
from grading.otter.master import Question

PATH = Path("project9/project9.ipynb")
TEST = {"name": "q1", "points": 2, "suites": [{"cases": [
    {"code": ">>> square(3)\n9", "hidden": False, "points": 1},
    {"code": ">>> square(-2)\n4", "hidden": True, "points": 1},
]}]}


def _answer(source: str) -> NotebookNode:
    return new_code_cell(source, metadata={"tags": ["otter_answer_cell"]})


def _pair(*cells: str, tests: dict | None = None) -> tuple[NotebookNode, NotebookNode]:
    """Both notebooks of an otter project: the init cell, then "text", "answer" and "check" cells."""
    make = {"text": lambda: new_markdown_cell("**q1** square x"), "answer": lambda: _answer("def square(x):\n    ..."),
            "check": lambda: new_code_cell('grader.check("q1")')}
    student, autograder = (new_notebook(cells=[new_code_cell("import otter\ngrader = otter.Notebook()"),
                                               *(make[kind]() for kind in cells)]) for _ in range(2))
    autograder.metadata["otter"] = {"tests": {"q1": TEST} if tests is None else tests}
    return student, autograder


QUESTIONS = [Question("q1", 2.0, manual=False)]


def test_a_question_becomes_an_answer_cell_and_a_hidden_test_cell() -> None:
    student, autograder = _pair("text", "answer", "check")
    autograder.cells[2].source = "def square(x):\n    return x * x"
    built = convert(student, autograder, QUESTIONS, PATH)
    init, _, answer, test = built.graded.cells
    assert init.metadata.nbgrader["locked"] and "otter.Notebook(" not in init.source
    assert answer.metadata.nbgrader == {**answer.metadata.nbgrader, "grade_id": "q1", "solution": True}
    assert test.metadata.nbgrader["grade_id"] == "test_q1" and test.metadata.nbgrader["points"] == 2.0
    assert "### BEGIN HIDDEN TESTS" in test.source and "square(-2)" in test.source
    assert built.release.cells[3].source == 'grader.check("q1")'  # students see otter's call, not the tests
    assert "square(-2)" not in "".join(c.source for c in built.release.cells)
    assert built.solution.cells[2].source == "def square(x):\n    return x * x"


@pytest.mark.parametrize(("cells", "tests", "message"), [
    (("answer", "check"), {}, r"grader\.check\('q1'\) names no autograded question with tests"),
    (("answer", "answer", "check"), None, "question q1 needs exactly one answer cell, found 2"),
    (("check",), None, "question q1 needs exactly one answer cell, found 0"),
    (("answer",), None, r"questions without their cells: q1; 1 answer cell\(s\) without a grader\.check after them"),
])
def test_an_inconsistent_notebook_is_named(cells: tuple[str, ...], tests: dict | None, message: str) -> None:
    student, autograder = _pair(*cells, tests=tests)
    with pytest.raises(GradingError, match=rf"^project9/project9\.ipynb: {message}"):
        convert(student, autograder, QUESTIONS, PATH)


def test_student_and_autograder_notebooks_of_different_length() -> None:
    student, autograder = _pair("answer", "check")
    autograder.cells.append(new_code_cell("extra = 1"))
    with pytest.raises(GradingError, match=r"different cells \(3 vs 4\)"):
        convert(student, autograder, QUESTIONS, PATH)
