"""The course plan (course.toml): sheets, points, due dates and the admission rule.

Every error names the file, the key and what is wrong, because the plan is edited
by hand each semester, often by someone new to the course.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from grading.errors import GradingError

PLAN_FILE = "course.toml"


class PlanError(GradingError):
    """course.toml is missing, unreadable or has a wrong value."""


@dataclass(frozen=True)
class Sheet:
    id: str
    title: str
    points: float
    due: datetime


@dataclass(frozen=True)
class CoursePlan:
    path: Path
    name: str
    admission_threshold: float
    roster: Path
    sheets: tuple[Sheet, ...]

    @property
    def total_points(self) -> float:
        return sum(sheet.points for sheet in self.sheets)

    @property
    def sheet_ids(self) -> list[str]:
        return [sheet.id for sheet in self.sheets]

    def sheet(self, sheet_id: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.id == sheet_id:
                return sheet
        raise PlanError(f"{self.path}: no sheet '{sheet_id}' in [[sheets]] (planned: {', '.join(self.sheet_ids)})")


def _get(table: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, path: Path) -> Any:
    if key not in table:
        raise PlanError(f"{path}: {where}.{key} is missing")
    value = table[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise PlanError(f"{path}: {where}.{key} must be a {expected}, got {value!r}")
    return value


def _sheet(table: dict[str, Any], where: str, path: Path) -> Sheet:
    sheet_id = _get(table, "id", str, where, path)
    if not sheet_id or any(ch in sheet_id for ch in "+*/ "):
        raise PlanError(f"{path}: {where}.id must be a folder name without '+', '*', '/' or spaces, got {sheet_id!r}")
    points = float(_get(table, "points", (int, float), where, path))
    if points <= 0:
        raise PlanError(f"{path}: {where}.points must be positive, got {points:g}")
    due = _get(table, "due", datetime, where, path)
    if due.tzinfo is None:
        raise PlanError(f"{path}: {where}.due must include a UTC offset (e.g. 2026-10-27T23:59:00+01:00), got {due}")
    return Sheet(id=sheet_id, title=str(table.get("title", sheet_id)), points=points, due=due)


def load_plan(path: Path) -> CoursePlan:
    """Read and check course.toml."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanError(f"{path}: course plan not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PlanError(f"{path}: not valid TOML: {exc}") from None
    course = data.get("course")
    if not isinstance(course, dict):
        raise PlanError(f"{path}: the [course] table is missing")
    threshold = float(_get(course, "admission_threshold", (int, float), "course", path))
    if not 0 < threshold <= 1:
        raise PlanError(f"{path}: course.admission_threshold must be a share in (0, 1], got {threshold:g}")
    tables = data.get("sheets")
    if not isinstance(tables, list) or not tables:
        raise PlanError(f"{path}: no [[sheets]] planned")
    sheets = tuple(_sheet(table, f"sheets[{i}]", path) for i, table in enumerate(tables))
    seen: set[str] = set()
    for i, sheet in enumerate(sheets):
        if sheet.id in seen:
            raise PlanError(f"{path}: sheets[{i}].id '{sheet.id}' is planned twice")
        seen.add(sheet.id)
    return CoursePlan(
        path=path,
        name=str(course.get("name", "")),
        admission_threshold=threshold,
        roster=path.parent / _get(course, "roster", str, "course", path),
        sheets=sheets,
    )
