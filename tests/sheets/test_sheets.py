"""Quality gates for every sheet in source/ (planned or banked).

The reference solution scores full points (every test cell) and the released
version zero, both through nbgrader's real autograder in the sandbox; every plausible wrong answer kept in
tests/sheets/mutants/ (an edit on the reference) fails its function's tests,
and none of them is broken (its own cell fails, or it meets a NameError).
Mutants made by rule from each reference solution (tests/sheets/mutate.py)
are killed, each survivor explained in the sheet's mutant file as equivalent.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import nbformat
import pytest

from grading.autograde import autograde
from grading.collect import collect
from grading.course import Course
from grading.plan import load_plan
from grading.release import release
from grading.simulate import Kind, simulate
from tests.conftest import make_course_dir, plan_from_bank
from tests.sheets.gates import MIN_KILLED, assert_generated_mutants_killed, assert_hand_mutants_killed
from tests.sheets.harness import (
    REPO,
    Edit,
    answer_cells,
    checks_of,
    sheet_notebooks,
)

# every sheet in source/, planned or in the bank
SHEETS = sorted(path.name for path in (REPO / "source").iterdir() if path.is_dir())
BANK = {sheet.id for sheet in load_plan(REPO / "course.toml").bank}
MIN_MUTANTS = 3
# Sheets whose hidden tests kill fewer than MIN_KILLED of the generated mutants that run (every survivor is
# explained as equivalent, but the sample holds more of them than 10%): issue 19's work still owed on them.
BELOW_TARGET = {"sheet02", "sheet03", "sheet04", "sheet05"}


def _mutants(sheet: str) -> dict[str, dict[str, Edit | list[Edit]]]:
    return importlib.import_module(f"tests.sheets.mutants.{sheet}").MUTANTS


def _equivalent(sheet: str) -> dict[str, dict[str, str]]:
    return importlib.import_module(f"tests.sheets.mutants.{sheet}").EQUIVALENT


def _notebook(sheet: str) -> nbformat.NotebookNode:
    (path,) = sheet_notebooks(sheet)
    return nbformat.read(path, as_version=4)


def _mutated_functions() -> list[tuple[str, str]]:
    return [(sheet, function) for sheet in SHEETS for function in _mutants(sheet)]


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_autograded_function_has_mutants(sheet: str) -> None:
    notebook = _notebook(sheet)
    graded = [f for f in answer_cells(notebook) if checks_of(f, notebook)]
    assert graded
    mutants = _mutants(sheet)
    assert set(mutants) <= set(graded), "mutants for functions without tests"
    for function in graded:
        assert len(mutants.get(function, {})) >= MIN_MUTANTS, function


@pytest.mark.parametrize(("sheet", "function"), _mutated_functions())
def test_mutants_lose_points(sheet: str, function: str) -> None:
    assert_hand_mutants_killed(_notebook(sheet), function, _mutants(sheet)[function],
                               f"tests/sheets/mutants/{sheet}.py")


@pytest.mark.parametrize("sheet", SHEETS)
def test_nbgrader_gives_reference_full_and_release_zero(sheet: str, tmp_path: Path) -> None:
    course_dir = make_course_dir(tmp_path / "course", run_solutions=False)
    if sheet in BANK:
        plan_from_bank(course_dir, sheet)
    course = Course(course_dir)
    release(course, sheet)
    cohort = simulate(course, sheet, n_students=2, kinds=[Kind.FULL, Kind.STUB])
    collect(course, sheet)
    assert all(outcome.graded for outcome in autograde(course, sheet))
    full, stub = cohort["id"]
    for released in (course.root / "release" / sheet).glob("*.ipynb"):
        text = released.read_text(encoding="utf-8")
        for secret in ("BEGIN HIDDEN TESTS", "BEGIN SOLUTION", "Mark scheme", "MARK SCHEME"):
            assert secret not in text, f"{released.name} leaks '{secret}'"
    with course.gradebook() as gb:
        for student, want in ((full, "full points"), (stub, "zero")):
            (notebook,) = gb.find_submission(sheet, student).notebooks
            short = {g.name: f"{g.score:g} of {g.max_score:g}" for g in notebook.grades
                     if g.auto_score is not None and g.score != (g.max_score if student == full else 0)}
            assert not short, f"the {'reference' if student == full else 'released version'} must score {want}: {short}"
        assert gb.find_submission(sheet, full).code_score == gb.find_assignment(sheet).max_code_score > 0


@pytest.mark.parametrize("sheet", SHEETS)
def test_generated_mutants_are_killed(sheet: str) -> None:
    killed = assert_generated_mutants_killed(_notebook(sheet), sheet, _equivalent(sheet),
                                             f"tests/sheets/mutants/{sheet}.py")
    if sheet in BELOW_TARGET:
        assert killed < MIN_KILLED, f"{sheet} kills {killed:.0%} of its generated mutants: take it off BELOW_TARGET"
    else:
        assert killed >= MIN_KILLED, f"{sheet}: only {killed:.0%} of the generated mutants killed"
