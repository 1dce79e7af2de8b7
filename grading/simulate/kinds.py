"""The kinds of submission a course sees, each made from a sheet's released and source notebooks."""

from __future__ import annotations

from enum import StrEnum

import nbformat
import numpy as np
from nbformat import NotebookNode

from grading.simulate.mutations import break_syntax, defines_function, mutate, prepend_to_first_function


class Kind(StrEnum):
    FULL = "full"
    PARTIAL = "partial"
    STUB = "stub"
    SYNTAX_ERROR = "syntax error"
    CRASH = "runtime crash"
    INFINITE_LOOP = "infinite loop"
    LATE = "late"
    CORRUPT = "corrupt file"
    NONE = "no submission"


# An off-by-one that raises when the function is called, and a loop whose counter never moves.
CRASH = "workspace = [0.0, 0.0, 0.0]\nworkspace[3] += 1.0"
ENDLESS_LOOP = "step = 0\nwhile step < 10:\n    workspace = step * 2"
TEXT_ANSWER = (
    "The first few components carry most of the variance and the curve then flattens, "
    "so the data are close to a low-dimensional subspace. (simulated answer)"
)
_DELIMITERS = ("BEGIN SOLUTION", "END SOLUTION")
ANSWER_PLACEHOLDERS = ("YOUR ANSWER HERE", "_Type your answer here, replacing this text._")  # nbgrader, otter
BROKEN = {
    Kind.SYNTAX_ERROR: break_syntax,
    Kind.CRASH: lambda source: prepend_to_first_function(source, CRASH),
    Kind.INFINITE_LOOP: lambda source: prepend_to_first_function(source, ENDLESS_LOOP),
}


def _grade_id(cell: NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _is_answer(cell: NotebookNode) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def solutions(source: NotebookNode) -> dict[str, str]:
    """grade_id -> the instructor's answer of every code answer cell, without the solution delimiters."""
    return {
        _grade_id(cell): "\n".join(line for line in cell.source.splitlines() if not any(d in line for d in _DELIMITERS))
        for cell in source.cells
        if _is_answer(cell) and cell.cell_type == "code"
    }


def _answer_positions(notebook: NotebookNode, answers: dict[str, str]) -> list[int]:
    return [i for i, cell in enumerate(notebook.cells) if _is_answer(cell) and _grade_id(cell) in answers]


def submission(kind: Kind, released: NotebookNode, answers: dict[str, str], rng: np.random.Generator) -> str | None:
    """The text of the submitted notebook file for this kind, or None for no submission."""
    if kind is Kind.NONE:
        return None
    notebook = nbformat.from_dict(released)
    positions = _answer_positions(notebook, answers)
    if kind is not Kind.STUB:
        for i in positions:
            notebook.cells[i].source = answers[_grade_id(notebook.cells[i])]
        for cell in notebook.cells:
            if _is_answer(cell) and cell.cell_type == "markdown":
                for placeholder in ANSWER_PLACEHOLDERS:
                    cell.source = cell.source.replace(placeholder, TEXT_ANSWER)
    functions = [i for i in positions if defines_function(notebook.cells[i].source)]
    if kind is Kind.PARTIAL and len(functions) > 1:
        rest = functions[1:]  # the first function stays right, so a partial submission scores above zero
        forced_stub = rest[rng.integers(len(rest))]
        for i in rest:
            choice = "stub" if i == forced_stub else rng.choice(["right", "mutated", "stub"])
            if choice == "stub":
                notebook.cells[i].source = released.cells[i].source
            elif choice == "mutated":
                notebook.cells[i].source = mutate(notebook.cells[i].source, rng) or notebook.cells[i].source
    elif kind in BROKEN and functions:
        # the last function of the sheet: the one other answers are least likely to build on
        notebook.cells[functions[-1]].source = BROKEN[kind](notebook.cells[functions[-1]].source)
    text = nbformat.writes(notebook)
    return text[: len(text) // 2] if kind is Kind.CORRUPT else text
