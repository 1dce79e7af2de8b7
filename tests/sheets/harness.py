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
            passed[_nbgrader(cell)["grade_id"]] = _passed(cell, result)
    return passed


Edit = tuple[str, str]


def apply_edits(source: str, edits: Edit | list[Edit]) -> str:
    """The cell with each (replaced text, replacement) applied in turn; the replaced text must occur exactly once,
    so a mutant stays the mistake it names when the reference around it changes."""
    for old, new in [edits] if isinstance(edits, tuple) else edits:
        if source.count(old) != 1:
            raise ValueError(f"the replaced text occurs {source.count(old)} times in the cell, not once: {old!r}")
        source = source.replace(old, new)
    return source


def cell_source(notebook: nbformat.NotebookNode, grade_id: str) -> str:
    (source,) = [c.source for c in notebook.cells if c.cell_type == "code" and _nbgrader(c).get("grade_id") == grade_id]
    return source


# Between mutants, the notebook's variables go back to what they were before the first one ran: a mutant that
# changes a demo array in place must not fail (or pass) the next one's tests. Both namespaces: the student's, and
# the judge's, where the names a test cell binds live (a demo array made in a public test, which a mutant given it
# changes in place).
_SAVE = """
import copy as _mutants_copy
_mutants_saved = {}
for _mutants_name, _mutants_value in list(globals().items()):
    if not _mutants_name.startswith("_"):
        try:
            _mutants_saved[_mutants_name] = _mutants_copy.deepcopy(_mutants_value)
        except Exception:
            _mutants_saved[_mutants_name] = _mutants_value
"""
_RESTORE = """
for _mutants_name in [name for name in globals() if not name.startswith("_") and name not in _mutants_saved]:
    del globals()[_mutants_name]
for _mutants_name, _mutants_value in _mutants_saved.items():
    try:
        globals()[_mutants_name] = _mutants_copy.deepcopy(_mutants_value)
    except Exception:
        globals()[_mutants_name] = _mutants_value
"""
BROKEN = ("SyntaxError", "IndentationError", "NameError")


def mutant_outcomes(notebook: nbformat.NotebookNode, function: str, sources: dict[str, str],
                    cell_timeout: float = 120) -> dict[str, str]:
    """Every mutant of one answer cell in one run of the worker: 'killed' (a test cell of the function loses
    points), 'survived', or 'broken: ...' (its own cell fails, or a test meets a SyntaxError or NameError: a
    mistake in the mutant, not in the tests). The reference runs last, to show that no mutant left anything behind.

    Only the cells up to the function's last test cell run, the ones before it once."""
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    ids = [_nbgrader(c).get("grade_id", "") for c in code]
    checks = checks_of(function, notebook)
    start, end = ids.index(function), max(ids.index(check) for check in checks)
    spec = [(c.source, bool(utils.is_grade(c)), bool(utils.is_locked(c))) for c in code]
    cells, blocks = [*spec[:start], (_SAVE, False, False), (_SAVE, True, False)], {}
    for name, source in [*sources.items(), ("", code[start].source)]:
        blocks[name] = len(cells)
        cells += [(_RESTORE, False, False), (_RESTORE, True, False), (source, False, False), *spec[start + 1:end + 1]]
    results = _worker().run(*cells, cell_timeout=cell_timeout, notebook_timeout=3600)
    outcomes = {}
    for name, first in blocks.items():
        own = [o for o in results[first + 2]["outputs"] if o["output_type"] == "error"]
        segment = zip(ids[start + 1:end + 1], results[first + 3:], strict=False)
        failed = [(grade_id, result) for grade_id, result in segment
                  if grade_id in checks and not _passed(code[ids.index(grade_id)], result)]
        errors = [o for _, r in failed for o in r["outputs"] if o["output_type"] == "error" and o["ename"] in BROKEN]
        if own or errors:
            outcomes[name] = "broken: " + "; ".join(f"{o['ename']}: {o['evalue']}" for o in own + errors)
        else:
            outcomes[name] = "killed" if failed else "survived"
    reference = outcomes.pop("")
    if reference != "survived":
        raise AssertionError(f"{function}: the reference fails its tests after the mutants ran ({reference})")
    return outcomes


def _passed(cell: nbformat.NotebookNode, result: dict) -> bool:
    graded = nbformat.from_dict({**cell, "outputs": result["outputs"]})
    score, points = utils.determine_grade(graded, logging.getLogger("harness"))
    return score is not None and score >= points
