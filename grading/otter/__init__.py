"""Projects authored in otter-grader's format, released and graded as nbgrader assignments.

`otter assign` turns the instructor's master notebook into a student notebook
(public tests in its metadata, for `grader.check`) and the full test suite. We
turn each otter question into nbgrader cells, written into the gradebook by
nbgrader's own SaveCells step: the answer cell, and a locked test cell whose
hidden source runs otter's own test runner and whose value is the question's
score (nbgrader's partial credit). From there on a project is an nbgrader
assignment: exchange, sandboxed autograde, formgrader, feedback and exports.
"""

from grading.otter.master import is_otter_master
from grading.otter.project import release_project

__all__ = ["is_otter_master", "release_project"]
