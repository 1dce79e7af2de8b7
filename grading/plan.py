"""The course plan and policy (course.toml): sheets, points, due dates, the rule, and its exceptions.

Every error names the file, the key and what is wrong, because the plan is edited
by hand each semester, often by someone new to the course.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from grading.errors import GradingError
from grading.sandbox.limits import TOML_KEYS, Limits

PLAN_FILE = "course.toml"
LATE_MODES = ("none", "per_day", "zero")
# what useradd accepts on Debian and JupyterHub keeps as is: staff become system users of that name
SYSTEM_NAME = re.compile(r"[a-z_][a-z0-9_-]{0,31}")


class PlanError(GradingError):
    """course.toml is missing, unreadable or has a wrong value."""


@dataclass(frozen=True)
class Sheet:
    id: str
    title: str
    points: float
    due: datetime
    weight: float = 1.0
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True)
class LateRule:
    """Late work: within the grace period it is on time; after it, per_day of the achieved
    points is lost per started day (mode per_day), or everything (mode zero), and
    everything after max_days."""

    grace: timedelta = timedelta(0)
    mode: str = "none"
    per_day: float = 0.0
    max_days: int | None = None


@dataclass(frozen=True)
class Team:
    members: tuple[str, ...]
    sheets: tuple[str, ...]


@dataclass(frozen=True)
class HubPlan:
    """[hub]: who teaches the course on JupyterHub, and where the hub listens (`grading hub`)."""

    instructor: str
    tas: tuple[str, ...] = ()
    port: int = 8000

    @property
    def staff(self) -> tuple[str, ...]:
        return (self.instructor, *self.tas)


@dataclass(frozen=True)
class CoursePlan:
    path: Path
    name: str
    roster: Path
    sheets: tuple[Sheet, ...]
    # Course A: admitted from this share of all planned points; Course B: letter cut-offs in percent
    admission_threshold: float | None = 0.5
    letter_cutoffs: dict[str, float] | None = None
    late: LateRule = field(default_factory=LateRule)
    extensions: dict[tuple[str, str], timedelta] = field(default_factory=dict)
    excused: dict[tuple[str, str], str] = field(default_factory=dict)
    bonus: tuple[tuple[str, float, str], ...] = ()
    carried_over: dict[str, int] = field(default_factory=dict)
    teams: tuple[Team, ...] = ()
    export_columns: tuple[str, ...] | None = None
    hub: HubPlan | None = None
    sandbox: Limits = field(default_factory=Limits)  # [sandbox]: the limits of a sheet without its own
    backups_keep: int = 30  # [backups] keep: copies of the gradebook kept in .grading/backups/

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

    def limits(self, sheet_id: str) -> Limits:
        """The sandbox limits of a sheet: its `limits` over [sandbox]; [sandbox] alone for a sheet not planned."""
        return self.sheet(sheet_id).limits if sheet_id in self.sheet_ids else self.sandbox

    def extension(self, student: str, sheet: str) -> timedelta:
        """Extra time on a sheet, the grace period included: what nbgrader's gradebook stores as extension."""
        return self.late.grace + self.extensions.get((student, sheet), timedelta(0))


class _Table:
    """One TOML table with its place in the file, so errors can say where."""

    def __init__(self, data: Any, where: str, path: Path) -> None:
        if not isinstance(data, dict):
            raise PlanError(f"{path}: {where} must be a table")
        self.data, self.where, self.path = data, where, path

    def error(self, key: str, problem: str) -> PlanError:
        return PlanError(f"{self.path}: {self.where}.{key} {problem}")

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in self.data:
            if default is ...:
                raise self.error(key, "is missing")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.error(key, f"must be a {expected}, got {value!r}")
        return value

    def number(self, key: str, default: Any = ..., low: float = 0.0, high: float | None = None) -> float:
        if key not in self.data and default is not ...:
            return default
        value = self.get(key, (int, float))
        if value < low or (high is not None and value > high):
            bounds = f"between {low:g} and {high:g}" if high is not None else f"at least {low:g}"
            raise self.error(key, f"must be {bounds}, got {value:g}")
        return float(value)

    def sheet_id(self, key: str, planned: list[str]) -> str:
        value = self.get(key, str)
        if value not in planned:
            raise self.error(key, f"names no planned sheet: {value!r} (planned: {', '.join(planned)})")
        return value

    def tables(self, key: str) -> list[_Table]:
        items = self.data.get(key, [])
        if not isinstance(items, list):
            raise self.error(key, "must be an array of tables ([[" + key + "]])")
        return [_Table(item, f"{key}[{i}]", self.path) for i, item in enumerate(items)]


def _limits(table: _Table, base: Limits) -> Limits:
    """[sandbox] or a sheet's `limits`: positive numbers under known keys."""
    for key in table.data:
        if key not in TOML_KEYS:
            raise table.error(key, f"is not a limit (known: {', '.join(TOML_KEYS)})")
        if table.number(key) <= 0:
            raise table.error(key, "must be positive")
    return base.updated(table.data)


def _sheet(table: _Table, limits: Limits) -> Sheet:
    sheet_id = table.get("id", str)
    if not sheet_id or any(ch in sheet_id for ch in "+*/ "):
        raise table.error("id", f"must be a folder name without '+', '*', '/' or spaces, got {sheet_id!r}")
    points = table.get("points", (int, float))
    if points <= 0:
        raise table.error("points", f"must be positive, got {points:g}")
    due = table.get("due", datetime)
    if due.tzinfo is None:
        raise table.error("due", f"must include a UTC offset (e.g. 2026-10-27T23:59:00+01:00), got {due}")
    weight = table.number("weight", 1.0)
    title = str(table.data.get("title", sheet_id))
    limits = _limits(_Table(table.data.get("limits", {}), f"{table.where}.limits", table.path), limits)
    return Sheet(id=sheet_id, title=title, points=float(points), due=due, weight=weight, limits=limits)


def _late(table: _Table) -> LateRule:
    mode = table.get("penalty", str, "none")
    if mode not in LATE_MODES:
        raise table.error("penalty", f"must be one of {', '.join(LATE_MODES)}, got {mode!r}")
    per_day = table.number("per_day", 0.0, high=1.0)
    if mode == "per_day" and per_day == 0:
        raise table.error("per_day", "is needed (a share between 0 and 1) when penalty = 'per_day'")
    max_days = table.get("max_days", int, None)
    if max_days is not None and max_days < 0:
        raise table.error("max_days", f"must not be negative, got {max_days}")
    return LateRule(timedelta(minutes=table.number("grace_minutes", 0.0)), mode, per_day, max_days)


def _cutoffs(table: _Table) -> dict[str, float]:
    raw = _Table(table.get("cutoffs", dict), f"{table.where}.cutoffs", table.path)
    cutoffs = {letter: raw.number(letter, high=100.0) for letter in raw.data}
    if not cutoffs:
        raise table.error("cutoffs", "must name at least one letter, e.g. { A = 90, B = 80 }")
    ordered = sorted(cutoffs.items(), key=lambda item: item[0])
    if [value for _, value in ordered] != sorted(cutoffs.values(), reverse=True):
        raise table.error("cutoffs", f"must fall from letter to letter (A highest), got {cutoffs}")
    return dict(ordered)


def _unique_pairs(tables: list[_Table], planned: list[str], what: str) -> dict[tuple[str, str], _Table]:
    pairs: dict[tuple[str, str], _Table] = {}
    for table in tables:
        pair = (table.get("student", str), table.sheet_id("sheet", planned))
        if pair in pairs:
            raise PlanError(f"{table.path}: {table.where} repeats the {what} of {pair[0]} on {pair[1]}")
        pairs[pair] = table
    return pairs


def _teams(top: _Table, planned: list[str]) -> tuple[Team, ...]:
    teams = []
    member_of: dict[tuple[str, str], str] = {}
    for table in top.tables("teams"):
        members = table.get("members", list)
        if len(members) < 2 or not all(isinstance(m, str) for m in members):
            raise table.error("members", f"must list at least two student ids, got {members!r}")
        sheets = table.get("sheets", list, planned)
        for sheet in sheets:
            if sheet not in planned:
                raise table.error("sheets", f"names no planned sheet: {sheet!r}")
            for member in members:
                if (member, sheet) in member_of:
                    other = member_of[member, sheet]
                    raise table.error("members", f"puts {member} in a second team on {sheet} (also in {other})")
                member_of[member, sheet] = table.where
        teams.append(Team(tuple(members), tuple(sheets)))
    return tuple(teams)


def _system_name(table: _Table, key: str, value: object) -> str:
    if not isinstance(value, str) or not SYSTEM_NAME.fullmatch(value):
        raise table.error(key, f"must be a user name (lower-case letters, digits, '-' or '_'), got {value!r}")
    return value


def _hub(table: _Table) -> HubPlan:
    instructor = _system_name(table, "instructor", table.get("instructor", str))
    tas = tuple(_system_name(table, f"tas[{i}]", ta) for i, ta in enumerate(table.get("tas", list, [])))
    for i, ta in enumerate(tas):
        if ta == instructor or ta in tas[:i]:
            raise table.error(f"tas[{i}]", f"names {ta!r} twice among the staff")
    port = table.get("port", int, 8000)
    if not 1 <= port <= 65535:
        raise table.error("port", f"must be a TCP port between 1 and 65535, got {port}")
    return HubPlan(instructor, tas, port)


def _backups_keep(table: _Table) -> int:
    keep = table.get("keep", int, 30)
    if keep < 1:
        raise table.error("keep", f"must be at least 1, got {keep}")
    return keep


def load_plan(path: Path) -> CoursePlan:
    """Read and check course.toml."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanError(f"{path}: course plan not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PlanError(f"{path}: not valid TOML: {exc}") from None
    top = _Table(data, "", path)
    if "course" not in data:
        raise PlanError(f"{path}: the [course] table is missing")
    course = _Table(data["course"], "course", path)
    limits = _limits(_Table(data.get("sandbox", {}), "sandbox", path), Limits())
    sheets = tuple(_sheet(table, limits) for table in top.tables("sheets"))
    if not sheets:
        raise PlanError(f"{path}: no [[sheets]] planned")
    planned = [sheet.id for sheet in sheets]
    for i, sheet_id in enumerate(planned):
        if sheet_id in planned[:i]:
            raise PlanError(f"{path}: sheets[{i}].id '{sheet_id}' is planned twice")
    if ("admission" in data) == ("final_grade" in data):
        raise PlanError(f"{path}: state exactly one rule: [admission] (threshold) or [final_grade] (cutoffs)")
    threshold = cutoffs = None
    if "admission" in data:
        threshold = _Table(data["admission"], "admission", path).number("threshold", low=0.0, high=1.0)
    else:
        cutoffs = _cutoffs(_Table(data["final_grade"], "final_grade", path))
    export = _Table(data.get("export", {}), "export", path)
    columns = export.get("columns", list, None)
    return CoursePlan(
        path=path,
        name=str(course.data.get("name", "")),
        roster=path.parent / course.get("roster", str),
        sheets=sheets,
        admission_threshold=threshold,
        letter_cutoffs=cutoffs,
        late=_late(_Table(data.get("late", {}), "late", path)),
        extensions={
            pair: timedelta(days=t.number("days", low=0.0))
            for pair, t in _unique_pairs(top.tables("extensions"), planned, "extension").items()
        },
        excused={
            pair: str(t.get("reason", str))
            for pair, t in _unique_pairs(top.tables("excused"), planned, "excusal").items()
        },
        bonus=tuple(
            (t.get("student", str), t.number("points"), str(t.get("reason", str))) for t in top.tables("bonus")
        ),
        carried_over={t.get("student", str): t.get("year", int) for t in top.tables("carried_over")},
        teams=_teams(top, planned),
        export_columns=tuple(columns) if columns is not None else None,
        hub=_hub(_Table(data["hub"], "hub", path)) if "hub" in data else None,
        sandbox=limits,
        backups_keep=_backups_keep(_Table(data.get("backups", {}), "backups", path)),
    )
