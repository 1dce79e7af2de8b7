"""Run a sheet's source notebook as the autograder does, to see which test cells pass.

Through one warm worker (its judge runs the test cells apart from the student's
code), much faster than a kernel per run, which lets every plausible wrong
answer (mutant) of every function be checked against the sheet's hidden tests.
"""

from __future__ import annotations

import atexit
import logging
from pathlib import Path

import nbformat
from nbgrader import utils

from tests.sandbox.inside.direct import DirectWorker

REPO = Path(__file__).resolve().parents[2]


def sheet_notebooks(sheet: str) -> list[Path]:
    return sorted((REPO / "source" / sheet).glob("*.ipynb"))


def _nbgrader(cell: nbformat.NotebookNode) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def graded_test_cells(notebook: nbformat.NotebookNode) -> dict[str, float]:
    """grade_id -> points of every autograded test cell."""
    return {
        _nbgrader(c)["grade_id"]: _nbgrader(c)["points"]
        for c in notebook.cells
        if c.cell_type == "code" and _nbgrader(c).get("grade")
    }


def checks_of(function: str, notebook: nbformat.NotebookNode) -> list[str]:
    """grade_ids of the autograded test cells of one answer cell (named test_<its grade_id>...).

    Not `tests_of`: pytest would collect that name as a test wherever it is imported.
    """
    return [grade_id for grade_id in graded_test_cells(notebook) if grade_id.startswith(f"test_{function}")]


def answer_cells(notebook: nbformat.NotebookNode) -> list[str]:
    return [_nbgrader(c)["grade_id"] for c in notebook.cells if c.cell_type == "code" and _nbgrader(c).get("solution")]


_WORKER: list[DirectWorker] = []


def _worker() -> DirectWorker:
    """One warm worker (the sandbox's judge and student processes, without bubblewrap) for the whole session."""
    if not _WORKER:
        _WORKER.append(DirectWorker(cell_timeout=120, notebook_timeout=1800, memory_bytes=4 * 2**30))
        atexit.register(_WORKER[0].stop)
    return _WORKER[0]


def run(notebook: nbformat.NotebookNode, replace: dict[str, str] | None = None) -> dict[str, bool]:
    """Execute the code cells as the autograder does (test cells in the judge); grade_id -> passed, for every
    autograded test cell. A test cell passes with all of its points, by nbgrader's own rule (an error or
    output on stderr: none; a number as its value: that many)."""
    replace = replace or {}
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    sources = [(replace.get(_nbgrader(c).get("grade_id", ""), c.source), bool(utils.is_grade(c)),
                bool(utils.is_locked(c))) for c in code]
    passed: dict[str, bool] = {}
    for cell, result in zip(code, _worker().run(*sources), strict=True):
        if utils.is_grade(cell):
            graded = nbformat.from_dict({**cell, "outputs": result["outputs"]})
            score, points = utils.determine_grade(graded, logging.getLogger("harness"))
            passed[_nbgrader(cell)["grade_id"]] = score is not None and score >= points
    return passed
