"""otter assign's student and autograder notebooks -> the nbgrader notebooks of a project.

Cell by cell (the two notebooks have the same cells, apart from the model
answers of written questions that only the autograder one has):

- `grader.check("q")` becomes the locked test cell `test_q`, worth the points of
  q's tests. Its hidden source, kept in the gradebook and put back by nbgrader
  at grading, runs otter's test runner on all of q's test cases; its value is
  the score, which nbgrader records as partial credit.
- the code answer cell before it (otter tags it) is the answer cell `q`, where
  the student writes the function;
- the answer cell of a manually graded question becomes a manually graded
  nbgrader answer cell named after the question;
- otter's init cell is locked: in the sandbox there is no notebook file for
  `otter.Notebook` to read its public tests from, and grading does not need it.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from nbformat import NotebookNode
from nbgrader.preprocessors import ComputeChecksums
from otter.test_files import OKTestFile

from grading.errors import GradingError
from grading.otter.master import Question

CHECK = re.compile(r"""^\s*grader\.check\(\s*["'](\w+)["']\s*\)\s*$""")
INIT_CELL = "otter_init"
INIT_GRADED = "# Initialize Otter (grading runs otter's tests below each question)\nimport otter"
ANSWER_TAG, MODEL_ANSWER_TAG = "otter_answer_cell", "otter_assign_solution_cell"
MANUAL_BEGIN, MANUAL_END = "<!-- BEGIN QUESTION -->", "<!-- END QUESTION -->"
GRADED_TEST = '''\
### BEGIN HIDDEN TESTS
# Question {name}: otter's own test runner on all of its test cases; the value is the score.
import warnings as _warnings
from otter.test_files import OKTestFile as _OKTestFile
_otter = _OKTestFile.from_spec({spec!r})
with _warnings.catch_warnings():
    _warnings.simplefilter("ignore")
    _otter.run(globals())
_hidden = [_result.passed for _result in _otter.test_case_results if _result.test_case.hidden]
print(_otter.summary(public_only=True))
print(f"hidden test cases passed: {{sum(_hidden)}} of {{len(_hidden)}}")
float(_otter.score)
### END HIDDEN TESTS'''


@dataclass
class ProjectNotebooks:
    graded: NotebookNode  # what the gradebook stores: the hidden test sources
    release: NotebookNode  # what students get
    solution: NotebookNode  # the reference, with the same nbgrader cells (for TAs and the simulator)


def nbgrader_metadata(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False,
                      points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if grade:
        meta["points"] = points
    return meta


def _tags(cell: NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _pair_cells(student: NotebookNode, autograder: NotebookNode,
                path: Path) -> list[tuple[NotebookNode, NotebookNode | None]]:
    """For each student cell: the autograder cell at the same place, and the model answer following it."""
    pairs: list[tuple[NotebookNode, NotebookNode | None]] = []
    for cell in autograder.cells:
        if MODEL_ANSWER_TAG in _tags(cell) and pairs and ANSWER_TAG in _tags(pairs[-1][0]):
            pairs[-1] = (pairs[-1][0], cell)  # the model answer of a written question follows its placeholder
        else:
            pairs.append((cell, None))
    if len(pairs) != len(student.cells):
        raise GradingError(f"{path}: otter's student and autograder notebooks have different cells "
                           f"({len(student.cells)} vs {len(pairs)})")
    return pairs


def convert(student: NotebookNode, autograder: NotebookNode, questions: list[Question],
            path: Path) -> ProjectNotebooks:
    """The graded, released and solution notebooks of one otter notebook; `path` names it in errors."""
    pairs = _pair_cells(student, autograder, path)
    tests = autograder.metadata.get("otter", {}).get("tests", {})
    manual = [q for q in questions if q.manual]
    autograded = {q.name for q in questions if not q.manual}
    graded, solution = copy.deepcopy(student), copy.deepcopy(student)
    pending: list[int] = []
    seen: set[str] = set()
    in_manual = False
    for i, (_, model) in enumerate(pairs):
        cell = student.cells[i]
        check = CHECK.match(cell.source) if cell.cell_type == "code" else None
        if check:
            name = check.group(1)
            if name not in autograded or name not in tests:
                raise GradingError(f"{path}: grader.check({name!r}) names no autograded question with tests")
            if len(pending) != 1:
                raise GradingError(f"{path}: question {name} needs exactly one answer cell, found {len(pending)}")
            answer = pending.pop()
            graded.cells[answer].metadata["nbgrader"] = nbgrader_metadata(name, solution=True)
            solution.cells[answer].source = pairs[answer][0].source
            points = float(OKTestFile.from_spec(tests[name]).possible)
            graded.cells[i].source = GRADED_TEST.format(name=name, spec=tests[name])
            graded.cells[i].metadata["nbgrader"] = nbgrader_metadata(f"test_{name}", grade=True, locked=True,
                                                                     points=points)
            seen.add(name)
        elif cell.cell_type == "code" and "otter.Notebook(" in cell.source:
            graded.cells[i].source = INIT_GRADED
            graded.cells[i].metadata["nbgrader"] = nbgrader_metadata(INIT_CELL, locked=True)
        elif MANUAL_BEGIN in cell.source or MANUAL_END in cell.source:
            in_manual = MANUAL_BEGIN in cell.source
        elif ANSWER_TAG in _tags(cell) and in_manual:
            in_manual = False  # one answer cell per written question
            if not manual:
                raise GradingError(f"{path}: more written answer cells than manually graded questions")
            question = manual.pop(0)
            graded.cells[i].metadata["nbgrader"] = nbgrader_metadata(question.name, grade=True, solution=True,
                                                                     points=question.points)
            if model is not None:
                solution.cells[i].source = model.source
        elif ANSWER_TAG in _tags(cell) and cell.cell_type == "code":
            pending.append(i)
    missing = sorted(autograded - seen) + [q.name for q in manual]
    if missing or pending:
        raise GradingError(f"{path}: questions without their cells: {', '.join(missing) or 'none'}; "
                           f"{len(pending)} answer cell(s) without a grader.check after them")
    ComputeChecksums().preprocess(graded, {})
    release = copy.deepcopy(graded)
    for i, cell in enumerate(release.cells):
        if "nbgrader" in cell.metadata:
            solution.cells[i].metadata["nbgrader"] = copy.deepcopy(cell.metadata["nbgrader"])
        if cell.metadata.get("nbgrader", {}).get("locked"):
            cell.source = student.cells[i].source
    return ProjectNotebooks(graded, release, solution)
