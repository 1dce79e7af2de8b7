"""Students' feedback shows each test cell's points and failure message, never the hidden tests' code."""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import GetGrades
from traitlets.config import Config

from grading.course import Course, check
from grading.feedback import feedback_config
from grading.hidden_tests import PLACEHOLDER, STEP, HideHiddenTests
from grading.plan import load_plan
from grading.simulate import Kind
from tests.conftest import REPO, GradedCohort, make_course_dir

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


def test_the_courses_register_the_step_and_feedback_config_adds_it_where_missing(tmp_path: Path) -> None:
    course = Course(make_course_dir(tmp_path / "course"))
    steps = course.config.GenerateFeedback.preprocessors  # from nbgrader_config.py: what the formgrader runs too
    assert steps[:2] == [GetGrades, STEP]
    assert feedback_config(course).GenerateFeedback.preprocessors == steps  # not added twice
    del course.config.GenerateFeedback["preprocessors"]  # an nbgrader course whose config does not name it
    assert feedback_config(course).GenerateFeedback.preprocessors[:2] == [GetGrades, HideHiddenTests]
    assert "preprocessors" not in course.config.GenerateFeedback  # a changed copy, not the course's config
    course_b = Course(REPO / "courses" / "advanced-ml")
    assert course_b.config.GenerateFeedback.preprocessors[:2] == [GetGrades, STEP]


def test_the_step_reads_course_toml(tmp_path: Path) -> None:
    course = Course(make_course_dir(tmp_path / "course"))
    source = "assert True\n### BEGIN HIDDEN TESTS\nassert 1 + 1 == 2\n### END HIDDEN TESTS"
    notebook = nbformat.v4.new_notebook(cells=[_test_cell(source, [])])
    hidden, _ = HideHiddenTests(config=course.config).preprocess(copy.deepcopy(notebook), {})
    assert hidden.cells[0].source == f"assert True\n{PLACEHOLDER}"
    toml = course.root / "course.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[feedback]\nhidden_tests = "show"\n', encoding="utf-8")
    assert load_plan(toml).hidden_tests == "show"
    shown, _ = HideHiddenTests(config=course.config).preprocess(copy.deepcopy(notebook), {})
    assert shown.cells[0].source == source


def _hidden_lines(sheet: Path) -> list[str]:
    """The lines of every hidden region of the source notebook (those long enough to be telling)."""
    lines = []
    for cell in nbformat.read(sheet, as_version=4).cells:
        inside = False
        for line in cell.source.splitlines():
            inside = (inside or "BEGIN HIDDEN TESTS" in line) and "END HIDDEN TESTS" not in line
            if inside and "HIDDEN TESTS" not in line and len(line.strip()) > 12:
                lines.append(line.strip())
    return lines


def _feedback_text(config: Config, folder: Path, student: str) -> str:
    """nbgrader's generate_feedback for one student, as the formgrader's button calls it; the page as text."""
    config = copy.deepcopy(config)
    config.CourseDirectory.feedback_directory = str(folder)  # beside the cohort's own feedback, not over it
    check(NbGraderAPI(coursedir=CourseDirectory(config=config), config=config).generate_feedback("sheet01", student),
          "generating feedback")
    page = (folder / student / "sheet01" / "sheet01.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def test_the_formgraders_generate_feedback_leaves_out_the_hidden_tests(graded_cohort: GradedCohort,
                                                                       tmp_path: Path) -> None:
    course, student = graded_cohort.course, graded_cohort.student(Kind.PARTIAL)
    hidden = _hidden_lines(course.root / "source" / "sheet01" / "sheet01.ipynb")
    assert len(hidden) > 10
    text = _feedback_text(course.config, tmp_path / "formgrader", student)
    assert PLACEHOLDER.lstrip("# ") in text
    assert [line for line in hidden if line in text] == []
    plain = copy.deepcopy(course.config)
    del plain.GenerateFeedback["preprocessors"]  # nbgrader's default: the same call prints them
    assert sum(line in _feedback_text(plain, tmp_path / "nbgrader", student) for line in hidden) > len(hidden) / 2
