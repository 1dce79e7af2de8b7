"""Independently written solutions and disguised copies still pass the sheet's own tests, hidden ones included."""

from __future__ import annotations

import ast

import matplotlib
import nbformat
import numpy as np
import pytest

from grading.simulate import styles
from grading.simulate.kinds import solutions
from grading.simulate.styles import disguise, own_solution
from tests.conftest import REPO

matplotlib.use("Agg")


def _run_sheet(sheet: str, answers: dict[str, str]) -> None:
    """Every code cell of the source notebook in order, the answer cells replaced: a failing test raises."""
    namespace: dict = {}
    for cell in nbformat.read(REPO / "source" / sheet / f"{sheet}.ipynb", as_version=4).cells:
        if cell.cell_type == "code":
            name = cell.metadata.get("nbgrader", {}).get("grade_id", "cell")
            exec(compile(answers.get(name, cell.source), name, "exec"), namespace)  # our own sheet, not student code


def _functions(source: str) -> list[str]:
    return [node.name for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)]


@pytest.mark.parametrize("sheet", ["sheet01", "sheet03"])
def test_own_solutions_and_disguised_copies_pass_the_tests(sheet: str, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = solutions(nbformat.read(REPO / "source" / sheet / f"{sheet}.ipynb", as_version=4))
    monkeypatch.setattr(styles, "CHANGE", 1.0)  # every variation wherever it applies: one run checks them all
    rng = np.random.default_rng(5)
    own = {name: own_solution(code, rng) for name, code in reference.items()}
    _run_sheet(sheet, own)
    copied = dict(zip(own, disguise(list(own.values()), rng), strict=True))
    _run_sheet(sheet, copied)
    for name in reference:
        if _functions(reference[name]):
            assert ast.dump(ast.parse(own[name])) != ast.dump(ast.parse(reference[name])), name
        assert _functions(copied[name]) == _functions(own[name]) and copied[name] != own[name]


def test_disguise_reorders_the_functions_of_a_cell() -> None:
    cell = "\n\n".join(["def first(x):\n    y = x + 1\n    return y", "def second(x):\n    return x * 2",
                        "def third(x):\n    pass"])
    orders = {tuple(_functions(disguise([cell], np.random.default_rng(seed))[0])) for seed in range(8)}
    assert len(orders) > 1 and all(sorted(order) == ["first", "second", "third"] for order in orders)


def test_a_cell_that_does_not_parse_is_left_alone() -> None:
    broken = "def f(x)\n    return x"
    assert own_solution(broken, np.random.default_rng(0)) == broken
    assert disguise([broken], np.random.default_rng(0)) == [broken]


def test_statements_that_depend_on_each_other_keep_their_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(styles, "CHANGE", 1.0)  # every swap that is allowed is made
    cell = ("def f(x, rng):\n    a = np.zeros(3)\n    a[0] = x\n    b = a.sum()\n    u = rng.normal()\n"
            "    v = rng.uniform()\n    return b, u, v")
    namespace: dict = {"np": np}
    exec(own_solution(cell, np.random.default_rng(0)), namespace)  # our own test code
    draws = np.random.default_rng(1)
    assert namespace["f"](2.0, np.random.default_rng(1)) == (2.0, draws.normal(), draws.uniform())
