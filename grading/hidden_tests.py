"""Feedback without the hidden tests' source: an nbgrader preprocessor for GenerateFeedback.

nbgrader 0.9 prints every hidden test in the feedback by design (jupyter/nbgrader#917, #1156 and
#1363 ask for an option; there is none), so next year's cohort would have them. This step runs in
GenerateFeedback's preprocessors, after GetGrades: in every test cell with a hidden region it replaces
the region by one comment and cuts each error's traceback (whose context lines quote the hidden code)
to its last line, the failure message. Points, visible tests and printed output stay. The autograded
notebooks, the instructor's copy, keep everything. The courses' nbgrader_config.py register it, so the
formgrader's "Generate feedback" hides them too; it reads [feedback] hidden_tests of course.toml itself, as
the late-penalty plugin reads [late], so both ways of generating feedback follow the one file.
"""

from __future__ import annotations

from pathlib import Path

from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor
from traitlets import Bool

from grading.plan import PLAN_FILE, load_plan

PLACEHOLDER = "# (hidden tests: not shown in feedback)"
STEP = "grading.hidden_tests.HideHiddenTests"  # as nbgrader_config.py names it


class HideHiddenTests(NbGraderPreprocessor):
    """Hidden test regions and tracebacks out of the test cells of a feedback notebook (enabled, as
    nbgrader's own steps are, since converters register their preprocessors without enabling them)."""

    always = Bool(False, help="Hide them even where course.toml says hidden_tests = \"show\" (feedback released "
                  "before the deadline)").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        if self.shown():
            return nb, resources
        return super().preprocess(nb, resources)

    def shown(self) -> bool:
        """Whether course.toml (in the course directory nbgrader runs on) says hidden_tests = "show", and the
        step is not told to hide them always."""
        plan = Path(self.config.CourseDirectory.get("root", ".")) / PLAN_FILE
        return not self.always and plan.is_file() and load_plan(plan).hidden_tests == "show"

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int) -> tuple[NotebookNode, dict]:
        if cell.cell_type != "code" or not utils.is_grade(cell) or utils.is_solution(cell):
            return cell, resources
        markers = ClearHiddenTests(parent=self)  # its delimiters, as configured for generate_assignment
        source, hidden = hide_regions(cell.source, markers.begin_test_delimeter, markers.end_test_delimeter)
        if hidden:
            cell.source = source
            for output in cell.get("outputs", []):
                if output.output_type == "error":
                    output.traceback = [failure_message(output)]
        return cell, resources


def hide_regions(source: str, begin: str, end: str) -> tuple[str, bool]:
    """The source with each hidden region replaced by PLACEHOLDER; an unclosed region hides the rest."""
    lines: list[str] = []
    inside = hidden = False
    for line in source.split("\n"):
        if begin in line:
            inside = hidden = True
            lines.append(line[: len(line) - len(line.lstrip())] + PLACEHOLDER)
        elif end in line and inside:
            inside = False
        elif not inside:
            lines.append(line)
    return "\n".join(lines), hidden


def failure_message(output: NotebookNode) -> str:
    """'AssertionError: the message', or the exception's name alone when it has no message."""
    return f"{output.ename}: {output.evalue}" if output.evalue else output.ename
