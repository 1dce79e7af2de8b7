"""Run a sheet's source notebook in-process, cell by cell, to see which test cells pass.

Much faster than a kernel per run, which lets every plausible wrong answer
(mutant) of every function be checked against the sheet's hidden tests.
"""

from __future__ import annotations

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


def answer_cells(notebook: nbformat.NotebookNode) -> list[str]:
    return [_nbgrader(c)["grade_id"] for c in notebook.cells if c.cell_type == "code" and _nbgrader(c).get("solution")]


def run(notebook: nbformat.NotebookNode, replace: dict[str, str] | None = None) -> dict[str, bool]:
    """Execute the code cells in one namespace; grade_id -> passed, for every autograded test cell."""
    replace = replace or {}
    namespace: dict = {"__name__": "__main__"}
    passed: dict[str, bool] = {}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        grade_id = _nbgrader(cell).get("grade_id", "")
        try:
            exec(compile(replace.get(grade_id, cell.source), f"<cell {grade_id}>", "exec"), namespace)
            ok = True
        except Exception:
            ok = False
        if _nbgrader(cell).get("grade"):
            passed[grade_id] = ok
    plt.close("all")
    return passed
