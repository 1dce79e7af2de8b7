"""Quality gates for Course B's otter projects, as for Course A's sheets.

The reference solution passes every question with full points under otter's own
test runner; every plausible wrong answer in mutants/ (an edit on the
reference) loses points on its question, and mutants made by rule from the
reference (tests/sheets/mutate.py) are killed, at least 90% of them, each
survivor explained as equivalent. The long project's questions are the two
project-1 paths' own, so the mutant gates run on the paths only.
"""

from __future__ import annotations

import ast
import importlib

import nbformat
import pytest

from tests.courses.advanced_ml.conftest import PROJECTS, REPORTS, reference
from tests.sheets.gates import MIN_KILLED, assert_generated_mutants_killed, assert_hand_mutants_killed
from tests.sheets.harness import Edit, answer_cells, cell_source, checks_of, run

MIN_MUTANTS = 3
LONG, PATHS = "long-project", ("project1-rnn", "project1-pinn")
GATED = [p for p in PROJECTS if p != LONG]


def _module(project: str):
    return importlib.import_module(f"tests.courses.advanced_ml.mutants.{project.replace('-', '_')}")


def _mutants(project: str) -> dict[str, dict[str, Edit | list[Edit]]]:
    return _module(project).MUTANTS


def _functions() -> list[tuple[str, str]]:
    return [(p, f) for p in GATED for f in _mutants(p)]


def test_course_b_projects_and_paths() -> None:
    assert PROJECTS == ["project1-rnn", "project1-pinn", "project2", LONG] and REPORTS == ["project1-data"]


@pytest.mark.parametrize("project", PROJECTS)
def test_reference_gets_every_point(built, project: str) -> None:
    passed = run(reference(built[project]))
    assert passed and all(passed.values()), {k: v for k, v in passed.items() if not v}


@pytest.mark.parametrize("project", PROJECTS)
def test_questions_make_autograded_and_manual_points(built, project: str) -> None:
    cells = built[project].graded.cells
    meta = [c.metadata["nbgrader"] for c in cells if c.metadata.get("nbgrader", {}).get("grade")]
    report = 40 if project == LONG else 30
    assert sum(m["points"] for m in meta if not m["solution"]) == 100 - report
    assert [(m["grade_id"], m["points"]) for m in meta if m["solution"]] == [("report", report)]


def _cases(notebook: nbformat.NotebookNode, check: str) -> list[str]:
    """The code of a question's test cases, from the otter spec in its graded cell (its points differ)."""
    spec = cell_source(notebook, check).split("_OKTestFile.from_spec(", 1)[1].rsplit(")\nwith _warnings", 1)[0]
    return [case["code"] for case in ast.literal_eval(spec)["suites"][0]["cases"]]


def test_long_project_asks_the_paths_questions(built) -> None:
    """Same answer cells and test cases as the two paths, so the paths' mutant gates cover it."""
    long = reference(built[LONG])
    shared = {f: p for p in PATHS for f in answer_cells(built[p].graded)}
    assert sorted(answer_cells(long)) == sorted(shared)
    for function, path in shared.items():
        notebook = reference(built[path])
        (check,) = checks_of(function, notebook)
        assert cell_source(long, function) == cell_source(notebook, function), function
        assert _cases(long, check) == _cases(notebook, check), function


@pytest.mark.parametrize("project", GATED)
def test_every_question_has_mutants(built, project: str) -> None:
    notebook = built[project].graded
    mutants_ = _mutants(project)
    assert set(mutants_) == set(answer_cells(notebook))
    for function, named in mutants_.items():
        assert checks_of(function, notebook), function
        assert len(named) >= MIN_MUTANTS, function


@pytest.mark.parametrize(("project", "function"), _functions())
def test_mutants_lose_points(built, project: str, function: str) -> None:
    assert_hand_mutants_killed(reference(built[project]), function, _mutants(project)[function],
                               f"mutants/{project.replace('-', '_')}.py")


@pytest.mark.parametrize("project", GATED)
def test_generated_mutants_are_killed(built, project: str) -> None:
    killed = assert_generated_mutants_killed(reference(built[project]), project, _module(project).EQUIVALENT,
                                             f"mutants/{project.replace('-', '_')}.py")
    assert killed >= MIN_KILLED, f"{project}: only {killed:.0%} of the generated mutants killed"
