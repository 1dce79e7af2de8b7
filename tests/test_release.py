"""Release writes a student version without solutions, hidden tests or mark scheme, and solutions for TAs."""

from __future__ import annotations

import nbformat

from tests.conftest import GradedCohort


def test_student_version_hides_what_it_must(graded_cohort: GradedCohort) -> None:
    root = graded_cohort.course.root
    released = (root / "release" / "sheet01" / "sheet01.ipynb").read_text(encoding="utf-8")
    secrets = ("BEGIN HIDDEN TESTS", "default_rng(101)", "Mark scheme", "BEGIN SOLUTION", "s**2 / (X.shape[0] - 1)")
    for secret in secrets:
        assert secret not in released, secret
    cells = nbformat.reads(released, as_version=4).cells
    stubs = [c for c in cells if c.cell_type == "code" and "raise NotImplementedError()" in c.source]
    assert len(stubs) == 7  # six functions and the plot
    outbound = graded_cohort.course.exchange_root / "ml-physics" / "outbound" / "sheet01" / "sheet01.ipynb"
    assert outbound.read_text(encoding="utf-8") == released


def test_solutions_are_executed_with_mark_scheme(graded_cohort: GradedCohort) -> None:
    solution = nbformat.read(graded_cohort.course.root / "solutions" / "sheet01" / "sheet01.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in solution.cells)
    assert "Mark scheme" in text and "BEGIN HIDDEN TESTS" in text
    outputs = [o for cell in solution.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not any(o.output_type == "error" for o in outputs)
    assert any("components for 90%: 21" in o.get("text", "") for o in outputs)


def test_due_date_comes_from_the_plan(graded_cohort: GradedCohort) -> None:
    due = graded_cohort.course.plan.sheet("sheet01").due
    with graded_cohort.course.gradebook() as gb:
        stored = gb.find_assignment("sheet01").duedate
    assert stored == due.astimezone(tz=None).replace(tzinfo=None) or stored.isoformat().startswith("2026-10-27T22:59")
