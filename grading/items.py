"""Item analysis: per sheet and test cell, who passes, the mean points, and why the others fail.

Points come from the gradebook; failure messages from the autograded notebooks (the error output of
each test cell), grouped after numbers are masked, so "got 0.51" and "got 0.73" count as one message.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import nbformat
import pandas as pd

from grading.course import Course
from grading.gradebook import read_test_cells
from grading.hidden_tests import failure_message

FLAG_BELOW = 0.2  # a test cell fewer than this share of submissions passes is flagged for the instructor
TOP_ERRORS = 3
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?", re.IGNORECASE)
COLUMNS = ["sheet", "notebook", "cell", "max_points", "submissions", "passing", "mean_points", "flagged",
           "common_errors"]


def grouped(message: str) -> str:
    """The message with its numbers masked and only its first line, the key failures are grouped by."""
    return _NUMBER.sub("…", message.strip().splitlines()[0] if message.strip() else message)


def failures(notebook: Path) -> dict[str, str]:
    """Test cell name -> failure message, for the cells of an autograded notebook that raised."""
    nb = nbformat.read(notebook, as_version=4)
    found = {}
    for cell in nb.cells:
        name = cell.metadata.get("nbgrader", {}).get("grade_id")
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        if name and errors:
            found[name] = failure_message(errors[0])
    return found


def error_messages(course: Course, cells: pd.DataFrame) -> pd.Series:
    """Grouped failure message (or "") for each row of read_test_cells."""
    cache: dict[tuple[str, str, str], dict[str, str]] = {}
    messages = []
    for row in cells.itertuples():
        key = (row.student, row.sheet, row.notebook)
        if key not in cache:
            path = course.path("autograded", row.student, row.sheet) / f"{row.notebook}.ipynb"
            cache[key] = failures(path) if path.is_file() else {}
        messages.append(grouped(cache[key].get(row.cell, "")))
    return pd.Series(messages, index=cells.index, dtype=str)


def common_errors(messages: pd.Series) -> str:
    """The most common messages with their counts; ties in message order, so the gradebook's row order (which
    differs between SQLite and PostgreSQL) never changes the file."""
    counts = sorted(Counter(m for m in messages if m).items(), key=lambda item: (-item[1], item[0]))
    return "; ".join(f"{message} ({n})" for message, n in counts[:TOP_ERRORS])


def cell_order(course: Course, sheet: str, notebook: str) -> dict[str, int]:
    """Test cell name -> its position in the source notebook (empty when the source is gone)."""
    path = course.root / "source" / sheet / f"{notebook}.ipynb"
    if not path.is_file():
        return {}
    cells = nbformat.read(path, as_version=4).cells
    return {c.metadata["nbgrader"]["grade_id"]: i for i, c in enumerate(cells) if "grade_id" in
            c.metadata.get("nbgrader", {})}


def item_analysis(course: Course) -> pd.DataFrame:
    """One row per sheet and test cell, in the plan's sheet order and the notebook's cell order."""
    cells = read_test_cells(course.db_url, course.course_id)
    if cells.empty:
        return pd.DataFrame(columns=COLUMNS)
    cells["passed"] = cells["points"] >= cells["max_points"] - 1e-9
    cells["message"] = error_messages(course, cells)
    order = {sheet: i for i, sheet in enumerate(course.plan.sheet_ids)}
    keys = ["sheet", "notebook", "cell"]
    items = cells.groupby(keys, sort=False).agg(
        max_points=("max_points", "max"), submissions=("student", "size"), passing=("passed", "mean"),
        mean_points=("points", "mean"), common_errors=("message", common_errors)).reset_index()
    items["flagged"] = items["passing"] < FLAG_BELOW
    positions = {(s, n): cell_order(course, s, n) for s, n in items[["sheet", "notebook"]].drop_duplicates().values}
    items["_sheet"] = items["sheet"].map(order).fillna(len(order))
    items["_cell"] = [positions[s, n].get(c, len(positions[s, n])) for s, n, c in items[keys].values]
    items = items.sort_values(["_sheet", "notebook", "_cell", "cell"])
    return items[COLUMNS].reset_index(drop=True)
