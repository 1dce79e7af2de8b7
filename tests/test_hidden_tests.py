"""Students' feedback shows each test cell's points and failure message, never the hidden tests' code."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter
from nbgrader.preprocessors import GetGrades
from traitlets.config import Config

from grading.course import Course
from grading.feedback import feedback_config
from grading.hidden_tests import PLACEHOLDER, HideHiddenTests
from grading.plan import load_plan
from tests.conftest import make_course_dir

SECRET = "_n, _k, _seed in [(23, 5, 11)]"


def _test_cell(source: str, outputs: list) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source, outputs=outputs)
    cell.metadata.nbgrader = {"grade": True, "solution": False, "grade_id": "t1", "points": 3, "locked": True}
    return cell


def _error(evalue: str) -> nbformat.NotebookNode:
    trace = ["\x1b[0;31mAssertionError\x1b[0m  Traceback", f"----> 3 for {SECRET}:", f"AssertionError: {evalue}"]
    return nbformat.v4.new_output("error", ename="AssertionError", evalue=evalue, traceback=trace)


def _html(nb: nbformat.NotebookNode) -> str:
    exporter = HTMLExporter(config=Config({"HTMLExporter": {"exclude_input_prompt": True}}))
    exporter.register_preprocessor(HideHiddenTests)  # as nbgrader's converters register their steps
    return exporter.from_notebook_node(nb)[0]


def test_hidden_region_and_its_traceback_leave_the_feedback() -> None:
    visible = 'assert len(folds) == 3, "one pair per fold"'
    hidden = (f"### BEGIN HIDDEN TESTS\nfor {SECRET}:\n    assert False, \"use the rng you are given\"\n"
              "### END HIDDEN TESTS")
    nb = nbformat.v4.new_notebook(cells=[
        _test_cell(f"{visible}\n{hidden}\nprint('checked')", [_error("use the rng you are given")]),
        _test_cell(visible, [_error("one pair per fold")]),  # no hidden region: left as nbgrader shows it
    ])
    page = _html(nb)
    assert page.count(SECRET) == 1  # only in the untouched cell's traceback
    assert PLACEHOLDER.lstrip("# ") in page
    assert "AssertionError: use the rng you are given" in page
    assert "checked" in page and "one pair per fold" in page
    cleared, _ = HideHiddenTests().preprocess(nb, {})
    assert cleared.cells[0].source == f"{visible}\n{PLACEHOLDER}\nprint('checked')"
    assert cleared.cells[0].outputs[0].traceback == ["AssertionError: use the rng you are given"]


def test_feedback_config_follows_course_toml(tmp_path: Path) -> None:
    course = Course(make_course_dir(tmp_path / "course"))
    steps = feedback_config(course).GenerateFeedback.preprocessors
    assert steps[:2] == [GetGrades, HideHiddenTests]
    assert "preprocessors" not in course.config.GenerateFeedback  # a changed copy, not the course's config
    toml = course.root / "course.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[feedback]\nhidden_tests = "show"\n', encoding="utf-8")
    assert load_plan(toml).hidden_tests == "show"
    assert "preprocessors" not in feedback_config(Course(course.root)).GenerateFeedback
