"""The sheets' mutant harness: edits apply only where they are meant, and a broken mutant is no kill."""

from __future__ import annotations

import nbformat
import pytest

from tests.sheets.harness import apply_edits, cell_source, mutant_outcomes, sheet_notebooks


def test_an_edit_must_match_exactly_once() -> None:
    assert apply_edits("a = 1\nb = 2\n", ("b = 2", "b = 3")) == "a = 1\nb = 3\n"
    assert apply_edits("a = 1\n", [("a = 1", "a = 2"), ("a = 2", "a = 2 + 1")]) == "a = 2 + 1\n"
    with pytest.raises(ValueError, match="0 times"):
        apply_edits("a = 1\n", ("b", "c"))
    with pytest.raises(ValueError, match="2 times"):
        apply_edits("a = 1\na = 1\n", ("a = 1", "a = 2"))


def test_outcomes_tell_killed_survived_and_broken_apart() -> None:
    (path,) = sheet_notebooks("sheet02")
    notebook = nbformat.read(path, as_version=4)
    reference = cell_source(notebook, "pairwise_sq_distances")
    mutants = {
        "wrong": apply_edits(reference, ("- 2.0 * X @ X.T", "- X @ X.T")),
        "equivalent": apply_edits(reference, ("np.fill_diagonal(D, 0.0)", "np.fill_diagonal(D, 0)")),
        "syntax error": apply_edits(reference, ("- 2.0 * X @ X.T", "- 2.0 * * X")),
        "misspelt name": apply_edits(reference, ("sq_norms[None, :]", "sq_norm[None, :]")),
        # shrinks the demo data the tests use: the mutants after it must still see the original
        "rebinds X_demo": reference + "\nX_demo = X_demo[:10]\n",
        "equivalent again": reference,
    }
    outcomes = mutant_outcomes(notebook, "pairwise_sq_distances", mutants)
    assert outcomes["wrong"] == outcomes["rebinds X_demo"] == "killed"
    assert outcomes["equivalent"] == outcomes["equivalent again"] == "survived"
    assert outcomes["syntax error"].startswith("broken: SyntaxError")
    assert outcomes["misspelt name"].startswith("broken: NameError")
