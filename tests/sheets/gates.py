"""The mutant gates, one implementation for Course A's sheets and Course B's projects: hand-written wrong answers
(edits on the reference) must lose points, and mutants made by rule must be killed or explained as equivalent."""

from __future__ import annotations

import nbformat
import pytest

from tests.sheets.harness import Edit, answer_cells, apply_edits, cell_source, checks_of, mutant_outcomes
from tests.sheets.mutate import mutants, sample

GENERATED_PER_FUNCTION = 12  # a fixed sample: the gates cost minutes, not the tens of minutes of all
MIN_KILLED = 0.9  # share of the generated mutants that run (a broken one is no answer) the hidden tests kill


def assert_hand_mutants_killed(notebook: nbformat.NotebookNode, function: str,
                               edits: dict[str, Edit | list[Edit]], where: str) -> None:
    """Every hand-written mutant of `function` (in the file `where`) loses points; none is broken."""
    reference, sources = cell_source(notebook, function), {}
    for name, edit in edits.items():
        try:
            sources[name] = apply_edits(reference, edit)
        except ValueError as error:
            pytest.fail(f"{where}, {function}: '{name}': {error}")
    outcomes = mutant_outcomes(notebook, function, sources)
    assert {name: o for name, o in outcomes.items() if o != "killed"} == {}, f"{function}: survived or broken"


def assert_generated_mutants_killed(notebook: nbformat.NotebookNode, label: str, equivalent: dict[str, dict[str, str]],
                                    where: str) -> float:
    """The generated mutants of every autograded function: each survivor explained in `equivalent` (the file
    `where`'s EQUIVALENT), no explanation left for a mutant that no longer survives; the share killed of those
    that ran, which the callers hold to MIN_KILLED."""
    survivors: dict[str, set[str]] = {}
    killed = total = 0
    for function in [f for f in answer_cells(notebook) if checks_of(f, notebook)]:
        chosen = sample(mutants(cell_source(notebook, function)), GENERATED_PER_FUNCTION, f"{label}/{function}")
        outcomes = mutant_outcomes(notebook, function, {m.name: m.source for m in chosen}, cell_timeout=60)
        survivors[function] = {name for name, o in outcomes.items() if o == "survived"}
        ran = sum(o in ("killed", "survived") for o in outcomes.values())
        killed += ran - len(survivors[function])
        total += ran
        print(f"{label} {function}: generated mutants killed {ran - len(survivors[function])} / {ran} that ran, "
              f"{len(outcomes) - ran} broken")  # shown with pytest -s
    print(f"{label}: generated mutants killed {killed} / {total}")
    unexplained = {f: sorted(names - set(equivalent.get(f, {}))) for f, names in survivors.items()}
    assert not any(unexplained.values()), f"{where}: survivors not in EQUIVALENT: {unexplained}"
    stale = {f: sorted(set(reasons) - survivors.get(f, set())) for f, reasons in equivalent.items()}
    assert not any(stale.values()), f"{where}: EQUIVALENT names no surviving mutant: {stale}"
    return killed / total
