"""Run a sheet's source notebook in-process, cell by cell, to see which test cells pass.

Much faster than a kernel per run, which lets every plausible wrong answer
(mutant) of every function be checked against the sheet's hidden tests.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import nbformat

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib.pyplot as plt

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


def _execute(source: str, namespace: dict, name: str) -> object:
    """Run a cell's code; the value of its last line if that is an expression (as in a notebook)."""
    tree = ast.parse(source, name)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, name, "exec"), namespace)
    return eval(compile(ast.Expression(last.value), name, "eval"), namespace) if last else None


def run(notebook: nbformat.NotebookNode, replace: dict[str, str] | None = None) -> dict[str, bool]:
    """Execute the code cells in one namespace; grade_id -> passed, for every autograded test cell.

    As in nbgrader, a test cell passes if it raises nothing, unless its value is a number: then that
    is its partial credit, and it passes only with all of its points (otter projects' test cells)."""
    replace = replace or {}
    namespace: dict = {"__name__": "__main__"}
    passed: dict[str, bool] = {}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        grade_id = _nbgrader(cell).get("grade_id", "")
        try:
            value = _execute(replace.get(grade_id, cell.source), namespace, f"<cell {grade_id}>")
            partial = isinstance(value, int | float) and not isinstance(value, bool)
            ok = not partial or value >= _nbgrader(cell).get("points", 0)
        except Exception:
            ok = False
        if _nbgrader(cell).get("grade"):
            passed[grade_id] = ok
    plt.close("all")
    return passed
