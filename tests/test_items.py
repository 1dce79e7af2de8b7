"""Item analysis: per test cell the share passing and the mean points agree with nbgrader's own
gradebook objects, and the failure messages of the simulated students are grouped."""

from __future__ import annotations

import pandas as pd
import pytest

from grading.items import COLUMNS, common_errors, grouped, item_analysis
from tests.conftest import GradedCohort


def test_numbers_are_masked_and_only_the_first_line_kept() -> None:
    assert grouped("AssertionError: got 0.51, expected 3\nmore") == grouped("AssertionError: got -2e-3, expected 4")
    assert grouped("AssertionError: got 0.51") == "AssertionError: got …"
    assert grouped("") == ""


def test_item_analysis_agrees_with_the_gradebook(graded_cohort: GradedCohort) -> None:
    course = graded_cohort.course
    items = item_analysis(course)
    assert list(items.columns) == COLUMNS
    assert set(items["sheet"]) == {"sheet01"} and len(items) >= 3
    with course.gradebook() as gb:
        notebook = gb.find_notebook(items["notebook"][0], "sheet01")
        tests = [c.name for c in notebook.grade_cells if c.cell_type == "code"
                 and c.name not in {s.name for s in notebook.solution_cells}]
        assert list(items["cell"]) == tests  # every test cell, in the notebook's order
        students = [s.student.id for s in gb.find_assignment("sheet01").submissions]
        for item in items.itertuples():
            scores = [gb.find_grade(item.cell, item.notebook, "sheet01", s).score for s in students]
            assert item.submissions == len(students)
            assert item.mean_points == pytest.approx(sum(scores) / len(scores))
            assert item.passing == pytest.approx(sum(score == item.max_points for score in scores) / len(scores))
            assert item.flagged == (item.passing < 0.2)
            assert item.common_errors, item.cell  # the stub, crash and syntax-error students fail every test
    counts = [int(n) for errors in items["common_errors"] for n in pd.Series(errors.split("; ")).str
              .extract(r"\((\d+)\)$")[0]]
    assert max(counts) >= 2  # several students failing with one message count as one group


def test_common_errors_are_ordered_by_count_then_message_whatever_the_row_order() -> None:
    messages = ["B: b", "A: a", "", "C: c", "B: b", "A: a", "D: d"]
    assert common_errors(pd.Series(messages)) == "A: a (2); B: b (2); C: c (1)"
    assert common_errors(pd.Series(messages[::-1])) == "A: a (2); B: b (2); C: c (1)"
