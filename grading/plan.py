"""The course plan and policy (course.toml): sheets, points, due dates, the rule, and its exceptions.

Every error names the file, the key and what is wrong, because the plan is edited
by hand each semester, often by someone new to the course.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from grading.errors import GradingError
from grading.sandbox.limits import MIB, Limits

PLAN_FILE = "course.toml"
LATE_MODES = ("none", "per_day", "zero")
ON_SUBMIT = ("none", "score", "public", "full")  # a sheet's on_submit: what `grading serve` releases at once
HIDDEN_TESTS = ("hide", "show")  # [feedback] hidden_tests: what students see of nbgrader's hidden tests
# what useradd accepts on Debian and JupyterHub keeps as is: staff become system users of that name
SYSTEM_NAME = re.compile(r"[a-z_][a-z0-9_-]{0,31}")
MIN_SERVER_MEMORY_MB = 256  # a JupyterLab server with one kernel of numpy needs about 200 MB
MIN_SERVER_PROCESSES = 32  # such a server and kernel run about 20 threads


class PlanError(GradingError):
    """course.toml is missing, unreadable or has a wrong value."""


@dataclass(frozen=True)
class Sheet:
    id: str
    title: str
    points: float
    due: datetime | None  # None: an nbgrader assignment without a due date (no course.toml)
    weight: float = 1.0
    limits: Limits = field(default_factory=Limits)
    slot: str = ""  # the project slot this sheet is a variant (path) of; its own id if it stands alone
    on_submit: str = "score"  # what `grading serve` releases as soon as a submission is graded (ON_SUBMIT)
    on_submit_limit: int | None = None  # graded submissions per student, sheet and UTC day; None: no cap

    @property
    def slot_id(self) -> str:
        return self.slot or self.id

    def done(self, now: datetime) -> bool:
        """Past its due date; a sheet without one has nothing to wait for, so it counts as done."""
        return self.due is None or self.due <= now


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
class Track:
    """A way through the course (Course B: two projects, or one long one): the weight of each slot it counts."""

    id: str
    weights: dict[str, float]


@dataclass(frozen=True)
class Choice:
    """A student's track and, per slot with several variants, the path (the variant's sheet id) they chose."""

    track: str
    paths: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HubPlan:
    """[hub]: who teaches the course on JupyterHub, and where the hub listens (`grading hub`)."""

    instructor: str
    tas: tuple[str, ...] = ()
    port: int = 8000
    # each single-user server, with its kernels and terminals (grading.hub.spawner.LimitedSpawner)
    memory_mb: int = 2048  # beyond it the whole server is stopped; the student starts it again
    processes: int = 256  # processes and threads together
    cpus: float = 1.0  # cores it may keep busy at most
    serve: bool = True  # run `grading serve` as a service of the hub (feedback seconds after submitting)

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
    hidden_tests: str = "hide"  # [feedback]: "show" prints their source in the students' feedback
    # [[tracks]]: none means one track weighting every slot by its sheets' `weight`
    tracks: tuple[Track, ...] = ()
    default_track: str = ""
    choices: dict[str, Choice] = field(default_factory=dict)
    # without course.toml: the gradebook (its URL) whose assignments are the sheets; no rule, no exceptions
    gradebook: str | None = None
    backups_keep: int = 30  # [backups] keep: copies of the gradebook kept in .grading/backups/
    # [[bank]]: sheets written for the course but not planned this year (no due date); an instructor swaps
    # one in by moving its table to [[sheets]] and giving it a due date
    bank: tuple[Sheet, ...] = ()

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
        if self.gradebook is not None:
            raise PlanError(f"{self.gradebook}: no assignment '{sheet_id}' in the gradebook (known: "
                            f"{', '.join(self.sheet_ids) or 'none'}); `nbgrader generate_assignment {sheet_id}` "
                            f"adds it (there is no {self.path.name} to plan it)")
        if any(sheet.id == sheet_id for sheet in self.bank):
            raise PlanError(f"{self.path}: sheet '{sheet_id}' is in the [[bank]], not planned: move its table to "
                            f"[[sheets]] and give it a due date to release, collect or grade it")
        raise PlanError(f"{self.path}: no sheet '{sheet_id}' in [[sheets]] (planned: {', '.join(self.sheet_ids)})")

    @property
    def slots(self) -> dict[str, list[str]]:
        """Each slot and the sheets that are its variants, in the plan's order."""
        slots: dict[str, list[str]] = {}
        for sheet in self.sheets:
            slots.setdefault(sheet.slot_id, []).append(sheet.id)
        return slots

    @property
    def has_tracks(self) -> bool:
        return bool(self.tracks) or any(len(variants) > 1 for variants in self.slots.values())

    def choice(self, student: str) -> Choice:
        """The student's track and paths: their own choice, else the default track and no path chosen."""
        return self.choices.get(student, Choice(self.default_track))

    def track(self, track_id: str) -> Track:
        for track in self.tracks:
            if track.id == track_id:
                return track
        weights: dict[str, float] = {}
        for sheet in self.sheets:
            weights[sheet.slot_id] = sheet.weight
        return Track(track_id, weights)

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


# [sandbox] and a sheet's `limits`: course.toml key -> (field of Limits, unit)
LIMIT_KEYS: dict[str, tuple[str, int]] = {
    "cell_timeout": ("cell_timeout", 1),
    "notebook_timeout": ("notebook_timeout", 1),
    "memory_mb": ("memory_bytes", MIB),
    "processes": ("processes", 1),
    "output_kb": ("output_bytes", 1024),
    "scratch_mb": ("scratch_bytes", MIB),
}


def _limits(table: _Table, base: Limits) -> Limits:
    """[sandbox] or a sheet's `limits` over `base`: positive numbers under known keys."""
    changes: dict[str, Any] = {}
    for key in table.data:
        if key not in LIMIT_KEYS:
            raise table.error(key, f"is not a limit (known: {', '.join(LIMIT_KEYS)})")
        value = table.get(key, (int, float))
        if value <= 0:
            raise table.error(key, f"must be positive, got {value:g}")
        name, unit = LIMIT_KEYS[key]
        changes[name] = type(getattr(base, name))(value * unit)
    return replace(base, **changes)


def _sheet(table: _Table, limits: Limits, banked: bool = False) -> Sheet:
    sheet_id = table.get("id", str)
    if not sheet_id or any(ch in sheet_id for ch in "+*/ "):
        raise table.error("id", f"must be a folder name without '+', '*', '/' or spaces, got {sheet_id!r}")
    points = table.get("points", (int, float))
    if points <= 0:
        raise table.error("points", f"must be positive, got {points:g}")
    if banked and "due" in table.data:
        raise table.error("due", "must be absent: a sheet in the bank has no due date (give it one in [[sheets]])")
    due = None if banked else table.get("due", datetime)
    if due is not None and due.tzinfo is None:
        raise table.error("due", f"must include a UTC offset (e.g. 2026-10-27T23:59:00+01:00), got {due}")
    weight = table.number("weight", 1.0)
    title = str(table.data.get("title", sheet_id))
    limits = _limits(_Table(table.data.get("limits", {}), f"{table.where}.limits", table.path), limits)
    slot = table.get("slot", str, "")
    on_submit = table.get("on_submit", str, "score")
    if on_submit not in ON_SUBMIT:
        raise table.error("on_submit", f"must be one of {', '.join(ON_SUBMIT)}, got {on_submit!r}")
    limit = table.get("on_submit_limit", int, None)
    if limit is not None and limit < 1:
        raise table.error("on_submit_limit", f"must be at least 1 (graded submissions a day), got {limit}")
    return Sheet(id=sheet_id, title=title, points=float(points), due=due, weight=weight, limits=limits, slot=slot,
                 on_submit=on_submit, on_submit_limit=limit)


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


def _tracks(top: _Table, sheets: tuple[Sheet, ...]) -> tuple[tuple[Track, ...], str]:
    """[[tracks]]: slot weights summing to 1, exactly one default (a lone track is it); sheets then carry no
    weight of their own. Without tracks, the variants of a slot share one weight."""
    slots = {sheet.slot_id for sheet in sheets}
    tables = top.tables("tracks")
    if not tables:
        for sheet in sheets:
            other = next(s for s in sheets if s.slot_id == sheet.slot_id)
            if sheet.weight != other.weight:
                raise PlanError(f"{top.path}: sheets {other.id} and {sheet.id} are variants of slot "
                                f"{sheet.slot_id!r} with different weights ({other.weight:g}, {sheet.weight:g})")
        return (), ""
    for i, sheet_table in enumerate(top.tables("sheets")):
        if "weight" in sheet_table.data:
            raise PlanError(f"{top.path}: sheets[{i}].weight: with [[tracks]] the weights are the tracks'")
    tracks, defaults = [], []
    for table in tables:
        track_id = table.get("id", str)
        if track_id in [t.id for t in tracks]:
            raise table.error("id", f"names a second track {track_id!r}")
        raw = _Table(table.get("weights", dict), f"{table.where}.weights", table.path)
        weights = {slot: raw.number(slot, high=1.0) for slot in raw.data}
        for slot in weights:
            if slot not in slots:
                raise raw.error(slot, f"names no slot of the planned sheets (slots: {', '.join(sorted(slots))})")
        if not weights or abs(sum(weights.values()) - 1.0) > 1e-9:
            raise table.error("weights", f"must sum to 1, got {sum(weights.values()):g} ({weights})")
        is_default = table.data.get("default", len(tables) == 1)
        if not isinstance(is_default, bool):
            raise table.error("default", f"must be true or false, got {is_default!r}")
        if is_default:
            defaults.append(track_id)
        tracks.append(Track(track_id, weights))
    if len(defaults) != 1:
        raise PlanError(f"{top.path}: exactly one of [[tracks]] must have default = true, got "
                        f"{', '.join(defaults) or 'none'}")
    return tuple(tracks), defaults[0]


def _choices(top: _Table, plan_tracks: tuple[Track, ...], default: str, sheets: tuple[Sheet, ...],
             teams: tuple[Team, ...]) -> dict[str, Choice]:
    """[[choices]]: a student's track (one of [[tracks]]) and paths (slot = variant); team members choose alike."""
    known = {t.id: t for t in plan_tracks}
    if top.tables("choices") and not plan_tracks:
        raise PlanError(f"{top.path}: [[choices]] choose among [[tracks]], and there are none")
    slot_of = {sheet.id: sheet.slot_id for sheet in sheets}
    choices: dict[str, Choice] = {}
    for table in top.tables("choices"):
        student = table.get("student", str)
        if student in choices:
            raise table.error("student", f"repeats the choice of {student}")
        track = table.get("track", str, default)
        if track not in known:
            raise table.error("track", f"names no track: {track!r} (tracks: {', '.join(known) or 'none'})")
        raw = _Table(table.get("paths", dict, {}), f"{table.where}.paths", table.path)
        paths = {slot: raw.get(slot, str) for slot in raw.data}
        for slot, sheet in paths.items():
            if slot not in known[track].weights:
                raise raw.error(slot, f"is no slot of track {track!r} (its slots: {', '.join(known[track].weights)})")
            if slot_of.get(sheet) != slot:
                variants = [s for s, of in slot_of.items() if of == slot]
                raise raw.error(slot, f"names no variant of that slot: {sheet!r} (variants: {', '.join(variants)})")
        choices[student] = Choice(track, paths)
    for i, team in enumerate(teams):
        chosen = {member: choices.get(member, Choice(default)) for member in team.members}
        if len({(c.track, tuple(sorted(c.paths.items()))) for c in chosen.values()}) > 1:
            described = "; ".join(f"{m}: {c.track} {c.paths or ''}".strip() for m, c in chosen.items())
            raise PlanError(f"{top.path}: teams[{i}] must share a track and paths, got {described}")
    return choices


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
    table.get("processes", int, 0)  # a whole number, if given
    processes = int(table.number("processes", HubPlan.processes, low=MIN_SERVER_PROCESSES))
    memory_mb = int(table.number("memory_mb", HubPlan.memory_mb, low=MIN_SERVER_MEMORY_MB))
    cpus = table.number("cpus", HubPlan.cpus, low=0.01)
    serve = table.data.get("serve", HubPlan.serve)
    if not isinstance(serve, bool):
        raise table.error("serve", f"must be true or false, got {serve!r}")
    return HubPlan(instructor, tas, port, memory_mb, processes, cpus, serve)


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
    bank = tuple(_sheet(table, limits, banked=True) for table in top.tables("bank"))
    for i, sheet in enumerate(bank):
        if sheet.id in planned or sheet.id in [s.id for s in bank[:i]]:
            where = "planned in [[sheets]]" if sheet.id in planned else "in the bank twice"
            raise PlanError(f"{path}: bank[{i}].id '{sheet.id}' is {where}: a sheet is either planned or banked")
    if ("admission" in data) == ("final_grade" in data):
        raise PlanError(f"{path}: state exactly one rule: [admission] (threshold) or [final_grade] (cutoffs)")
    threshold = cutoffs = None
    if "admission" in data:
        threshold = _Table(data["admission"], "admission", path).number("threshold", low=0.0, high=1.0)
    else:
        cutoffs = _cutoffs(_Table(data["final_grade"], "final_grade", path))
    export = _Table(data.get("export", {}), "export", path)
    hidden_tests = _Table(data.get("feedback", {}), "feedback", path).get("hidden_tests", str, "hide")
    if hidden_tests not in HIDDEN_TESTS:
        raise PlanError(f"{path}: feedback.hidden_tests must be one of {', '.join(HIDDEN_TESTS)}, got {hidden_tests!r}")
    columns = export.get("columns", list, None)
    tracks, default_track = _tracks(top, sheets)
    if tracks and cutoffs is None:
        raise PlanError(f"{path}: [[tracks]] weight a final grade: they need [final_grade], not [admission]")
    teams = _teams(top, planned)
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
        teams=teams,
        export_columns=tuple(columns) if columns is not None else None,
        hub=_hub(_Table(data["hub"], "hub", path)) if "hub" in data else None,
        sandbox=limits,
        hidden_tests=hidden_tests,
        tracks=tracks,
        default_track=default_track,
        choices=_choices(top, tracks, default_track, sheets, teams),
        backups_keep=_backups_keep(_Table(data.get("backups", {}), "backups", path)),
        bank=bank,
    )


def with_threshold(plan: CoursePlan, threshold: float) -> CoursePlan:
    """The plan of a course without course.toml, admitting from `threshold` of all points (`--threshold`)."""
    if plan.gradebook is None:
        raise PlanError(f"{plan.path}: states the course's rule; --threshold is for a course without {plan.path.name}")
    return replace(plan, admission_threshold=threshold)
