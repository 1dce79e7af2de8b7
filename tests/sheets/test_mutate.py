"""The rule-made mutants: one change each, only in the solution part of the cell, a fixed sample."""

from __future__ import annotations

import ast

from tests.sheets.mutate import mutants, sample

CELL = '''def spread(X, k=2):
    """Docstring 1 + 1 stays."""
    total = X.sum()
    ### BEGIN SOLUTION
    Xc = X.copy() - X.mean(axis=0)
    if k > 1:
        Xc = Xc[:k]
    return np.maximum((Xc - 1) ** 2, 0.0) @ Xc.T
    ### END SOLUTION
'''


def test_each_mutant_changes_one_solution_line_and_parses() -> None:
    found = mutants(CELL)
    rules = {m.rule for m in found}
    assert {"operator", "comparison", "constant + 1", "constant - 1", "copy dropped", "axis dropped", "slice",
            "transpose dropped", "transpose", "swapped operands", "statement dropped"} <= rules
    reference = CELL.splitlines()
    for mutant in found:
        ast.parse(mutant.source)
        lines = mutant.source.splitlines()
        first = next(i for i, (a, b) in enumerate(zip(reference, lines, strict=False)) if a != b)
        tail = zip(reference[::-1], lines[::-1], strict=False)
        last = len(reference) - next(i for i, (a, b) in enumerate(tail) if a != b)
        assert first >= 4 and last <= 8, mutant.name  # within BEGIN/END SOLUTION
        assert mutant.before == reference[first].strip()
    assert len({m.name for m in found}) == len(found)


def test_no_mutant_that_cannot_change_anything() -> None:
    names = [m.name for m in mutants(CELL)]
    assert not any("np.maximum(0.0" in n for n in names), "np.maximum is commutative"
    assert not any("(1 - Xc)" in n for n in names), "the sign of a squared difference is lost"


def test_sample_is_fixed_and_capped() -> None:
    found = mutants(CELL)
    chosen = sample(found, 5, "sheet/spread")
    assert len(chosen) == 5 and chosen == sample(found, 5, "sheet/spread")
    assert [m for m in found if m in chosen] == chosen
    assert sample(found, len(found) + 1, "x") == found
