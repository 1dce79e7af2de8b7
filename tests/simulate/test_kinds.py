"""Each kind of simulated submission is made from the sheet as described."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import numpy as np
import pytest

from grading.simulate.kinds import TEXT_ANSWER, Kind, solutions, submission

SOURCE = Path(__file__).resolve().parents[2] / "source" / "sheet01" / "sheet01.ipynb"


@pytest.fixture(scope="module")
def sheet() -> tuple[nbformat.NotebookNode, dict[str, str]]:
    source = nbformat.read(SOURCE, as_version=4)
    released = nbformat.from_dict(source)
    for cell in released.cells:  # what nbgrader's ClearSolutions leaves of an answer cell, near enough
        if cell.metadata.get("nbgrader", {}).get("solution"):
            cell.source = "YOUR ANSWER HERE" if cell.cell_type == "markdown" else "raise NotImplementedError()"
    return released, solutions(source)


def _answers(text: str) -> dict[str, str]:
    notebook = nbformat.reads(text, as_version=4)
    return {c.metadata.nbgrader["grade_id"]: c.source for c in notebook.cells if c.metadata.get("nbgrader", {}).get(
        "solution")}


def test_solutions_drop_delimiters(sheet) -> None:
    _, answers = sheet
    assert "def center(X):" in answers["center"]
    assert all("BEGIN SOLUTION" not in a and "END SOLUTION" not in a for a in answers.values())
    assert "digits_interpretation" not in answers  # markdown answers get a canned text instead


@pytest.mark.parametrize("kind", [Kind.FULL, Kind.LATE])
def test_full_answers_every_cell(sheet, kind: Kind) -> None:
    released, answers = sheet
    got = _answers(submission(kind, released, answers, np.random.default_rng(0)))
    assert all(got[key] == value for key, value in answers.items())
    assert TEXT_ANSWER in got["digits_interpretation"]


def test_stub_and_none(sheet) -> None:
    released, answers = sheet
    assert nbformat.reads(submission(Kind.STUB, released, answers, np.random.default_rng(0)), 4) == released
    assert submission(Kind.NONE, released, answers, np.random.default_rng(0)) is None


def test_partial_keeps_first_function_and_changes_another(sheet) -> None:
    released, answers = sheet
    for seed in range(10):
        got = _answers(submission(Kind.PARTIAL, released, answers, np.random.default_rng(seed)))
        assert got["center"] == answers["center"]
        assert sum(got[key] == "raise NotImplementedError()" for key in answers) >= 1


@pytest.mark.parametrize(("kind", "marker"), [(Kind.CRASH, "workspace[3]"), (Kind.INFINITE_LOOP, "while step < 10")])
def test_broken_kinds_change_the_last_function(sheet, kind: Kind, marker: str) -> None:
    released, answers = sheet
    got = _answers(submission(kind, released, answers, np.random.default_rng(0)))
    assert marker in got["reconstruction_error"]
    assert all(got[key] == answers[key] for key in answers if key != "reconstruction_error")


def test_corrupt_is_not_json(sheet) -> None:
    released, answers = sheet
    with pytest.raises(json.JSONDecodeError):
        json.loads(submission(Kind.CORRUPT, released, answers, np.random.default_rng(0)))
