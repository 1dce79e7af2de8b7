"""An otter assign master notebook: recognising one, and the questions its `# BEGIN QUESTION` cells declare."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from grading.errors import GradingError

CONFIG_MARKER = "# ASSIGNMENT CONFIG"
QUESTION_MARKER = "# BEGIN QUESTION"


@dataclass(frozen=True)
class Question:
    name: str
    points: float
    manual: bool


def is_otter_master(path: Path) -> bool:
    """Whether a notebook is an otter assign master (its assignment config is the first raw cell)."""
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception:  # not a readable notebook: certainly not a master
        return False
    raw = [cell for cell in notebook.cells if cell.cell_type == "raw"]
    return bool(raw) and raw[0].source.lstrip().startswith(CONFIG_MARKER)


def questions(path: Path) -> list[Question]:
    """The questions of a master notebook in order, with their points and whether a TA grades them."""
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "raw" or not cell.source.lstrip().startswith(QUESTION_MARKER):
            continue
        try:
            config = yaml.safe_load(cell.source.lstrip()[len(QUESTION_MARKER):]) or {}
        except yaml.YAMLError as exc:
            raise GradingError(f"{path}: a '{QUESTION_MARKER}' cell is not valid YAML: {exc}") from exc
        name, points = config.get("name"), config.get("points", 0)
        if not isinstance(name, str) or not name.isidentifier():
            raise GradingError(f"{path}: question name {name!r} is not a Python identifier")
        points = sum(points) if isinstance(points, list) else points
        if not isinstance(points, int | float) or points < 0:
            raise GradingError(f"{path}: question {name}: points must be a non-negative number, not {points!r}")
        found.append(Question(name, float(points), bool(config.get("manual", False))))
    return found
