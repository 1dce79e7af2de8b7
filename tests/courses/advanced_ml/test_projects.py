"""Quality gates for Course B's otter projects, as for Course A's sheets.

The reference solution passes every question with full points under otter's own
test runner, and every plausible wrong answer in mutants/ loses points on its
question.
"""

from __future__ import annotations

import importlib

import pytest

from tests.courses.advanced_ml.conftest import PROJECTS, reference
from tests.sheets.harness import answer_cells, checks_of, run

MIN_MUTANTS = 3


def _mutants(project: str) -> dict[str, dict[str, str]]:
    return importlib.import_module(f"tests.courses.advanced_ml.mutants.{project}").MUTANTS


def _mutant_cases() -> list[tuple[str, str, str]]:
    return [(p, f, name) for p in PROJECTS for f, named in _mutants(p).items() for name in named]


def test_both_projects_exist() -> None:
    assert PROJECTS == ["project1", "project2"]


@pytest.mark.parametrize("project", PROJECTS)
def test_reference_gets_every_point(built, project: str) -> None:
    passed = run(reference(built[project]))
    assert passed and all(passed.values()), {k: v for k, v in passed.items() if not v}


@pytest.mark.parametrize("project", PROJECTS)
def test_questions_make_70_autograded_and_30_manual_points(built, project: str) -> None:
    cells = built[project].graded.cells
    meta = [c.metadata["nbgrader"] for c in cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert sum(m["points"] for m in meta if not m["solution"]) == 70
    assert [(m["grade_id"], m["points"]) for m in meta if m["solution"]] == [("report", 30)]


@pytest.mark.parametrize("project", PROJECTS)
def test_every_question_has_mutants(built, project: str) -> None:
    notebook = built[project].graded
    mutants = _mutants(project)
    assert set(mutants) == set(answer_cells(notebook))
    for function, named in mutants.items():
        assert checks_of(function, notebook), function
        assert len(named) >= MIN_MUTANTS, function


@pytest.mark.parametrize(("project", "function", "mutant"), _mutant_cases())
def test_mutant_loses_points(built, project: str, function: str, mutant: str) -> None:
    notebook = reference(built[project])
    passed = run(notebook, {function: _mutants(project)[function][mutant]})
    assert not all(passed[test] for test in checks_of(function, notebook)), f"{function}: '{mutant}' gets full points"
