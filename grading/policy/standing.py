"""Each student's standing: points credited per sheet, projections, and a status or a letter grade.

Pure functions of DataFrames and the plan. Definitions (also in the README):

- a sheet is *done* once its due date has passed (at `now`); the others are *remaining*;
- an excused sheet counts neither in a student's points nor in their maxima;
- `points`: credited points on all sheets (a team's best submission counts for every
  member) plus bonus points;
- `max_so_far`: the points of the done sheets; `max_total`: of all planned sheets;
- `needed`: threshold x max_total; `still_needed`: what is missing to that;
- `max_reachable`: points plus what the remaining sheets can still add;
- `average_needed`: still_needed per remaining sheet.
"""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import pandas as pd

from grading.plan import CoursePlan

ADMITTED = "admitted"
ON_TRACK = "on track"
AT_RISK = "at risk"
CANNOT_REACH = "cannot reach"
NOT_PARTICIPATING = "not participating"
# from worst to best: more points never move a student to the left
STATUS_ORDER = (CANNOT_REACH, NOT_PARTICIPATING, AT_RISK, ON_TRACK, ADMITTED)
_EPS = 1e-9


def credited_points(scores: pd.DataFrame, plan: CoursePlan) -> pd.DataFrame:
    """students x sheets of credited points (NaN: nothing submitted), teams applied.

    scores has one row per submission: student, sheet, points (after late penalty).
    """
    matrix = scores.pivot_table(index="student", columns="sheet", values="points", aggfunc="max")
    matrix = matrix.reindex(columns=plan.sheet_ids)
    for team in plan.teams:
        members = list(team.members)
        matrix = matrix.reindex(matrix.index.union(members))
        for sheet in team.sheets:
            best = matrix.loc[members, sheet].max()  # NaN if no member submitted
            matrix.loc[members, sheet] = best
    return matrix.rename_axis(index="id", columns=None)


def _credited_for(scores: pd.DataFrame, students: list[str], plan: CoursePlan) -> pd.DataFrame:
    """Credited points of the given students and of anyone else with scores, one row each, by id."""
    credited = credited_points(scores, plan)
    return credited.reindex(pd.Index(sorted(set(students) | set(credited.index)), name="id"))


def _excused(students: pd.Index, plan: CoursePlan) -> pd.DataFrame:
    excused = pd.DataFrame(False, index=students, columns=plan.sheet_ids)
    for student, sheet in plan.excused:
        if student in excused.index:
            excused.loc[student, sheet] = True
    return excused


def _max_points(plan: CoursePlan) -> pd.Series:
    return pd.Series({s.id: s.points for s in plan.sheets})


def standing(scores: pd.DataFrame, students: list[str], plan: CoursePlan, now: datetime) -> pd.DataFrame:
    """One row per student (the given ones and anyone with scores): points per sheet, projections, status."""
    credited = _credited_for(scores, students, plan)
    index = credited.index
    excused, max_points = _excused(index, plan), _max_points(plan)
    done = pd.Series({s.id: s.due <= now for s in plan.sheets})
    counted = credited.where(~excused)
    sheet_points = counted.fillna(0.0)
    bonus = pd.Series(0.0, index=index)
    for student, points, _ in plan.bonus:
        if student in bonus.index:
            bonus[student] += points
    maxima = (~excused).mul(max_points, axis=1)
    remaining = (~excused) & ~done
    table = sheet_points.copy()
    table["bonus"] = bonus
    table["points"] = sheet_points.sum(axis=1) + bonus
    table["max_so_far"] = maxima.loc[:, done].sum(axis=1)
    table["max_total"] = maxima.sum(axis=1)
    threshold = plan.admission_threshold if plan.admission_threshold is not None else 0.0
    table["needed"] = threshold * table["max_total"]
    table["still_needed"] = (table["needed"] - table["points"]).clip(lower=0.0)
    table["remaining_sheets"] = remaining.sum(axis=1)
    table["max_reachable"] = table["points"] + (maxima - sheet_points).where(remaining, 0.0).clip(lower=0).sum(axis=1)
    table["average_needed"] = (table["still_needed"] / table["remaining_sheets"].replace(0, np.nan)).round(2)
    table["percent"] = (100 * table["points"] / table["max_total"].replace(0, np.nan)).round(2).fillna(0.0)
    table["submitted"] = counted.notna().sum(axis=1)
    table["carried_over"] = [plan.carried_over.get(s) for s in index]
    table["status"] = _status(table, any(done))
    return table.reset_index()


def _status(table: pd.DataFrame, any_done: bool) -> list[str]:
    statuses = []
    for row in table.itertuples():
        so_far_rate = row.points / row.max_so_far if row.max_so_far > 0 else 1.0
        reachable_from_remaining = row.max_reachable - row.points
        if row.carried_over is not None or row.points >= row.needed - _EPS:
            statuses.append(ADMITTED)
        elif row.max_reachable < row.needed - _EPS:
            statuses.append(CANNOT_REACH)
        elif row.submitted == 0 and row.bonus == 0 and any_done:
            statuses.append(NOT_PARTICIPATING)
        elif row.still_needed <= so_far_rate * reachable_from_remaining + _EPS:
            statuses.append(ON_TRACK)
        else:
            statuses.append(AT_RISK)
    return statuses


def letter(percent: float, cutoffs: dict[str, float]) -> str:
    """The best letter whose cut-off the percentage reaches; F below all of them."""
    for grade, cutoff in sorted(cutoffs.items(), key=lambda item: -item[1]):
        if percent >= cutoff - _EPS:
            return grade
    return "F"


def path_column(slot: str) -> str:
    return f"{slot}_path"


def track_columns(plan: CoursePlan) -> list[str]:
    """Course B with tracks or paths: each student's track and the variant counted in each slot of several."""
    if not plan.has_tracks:
        return []
    return ["track", *(path_column(slot) for slot, variants in plan.slots.items() if len(variants) > 1)]


def _counted_variant(student: str, variants: list[str], chosen: str | None, credited: pd.DataFrame,
                     maxima: pd.Series) -> tuple[str | None, list[str]]:
    """The variant of a slot that counts for a student (the chosen path; else the one submitted, the best share
    if several) and the submitted ones that do not count. None: nothing submitted and no path chosen."""
    submitted = [v for v in variants if not pd.isna(credited.at[student, v])]
    if len(variants) == 1:
        return variants[0], []
    counted = chosen or max(submitted, key=lambda v: credited.at[student, v] / maxima[v], default=None)
    return counted, [v for v in submitted if v != counted]


def counted_sheets(row: pd.Series, plan: CoursePlan) -> set[str]:
    """The sheets that make a student's final grade, from their row of final_grades."""
    slots = plan.slots
    weights = plan.track(row["track"]).weights
    return {row[path_column(slot)] if len(slots[slot]) > 1 else slots[slot][0] for slot in weights} - {""}


def final_grades(scores: pd.DataFrame, students: list[str], plan: CoursePlan) -> pd.DataFrame:
    """Course B: percent as the weighted mean, over the slots of the student's track, of the share of its points
    the counted variant of each slot has (an excused one leaves its slot out); the letter from the cut-offs."""
    if plan.letter_cutoffs is None:
        raise ValueError(f"{plan.path}: no [final_grade] cutoffs")
    credited = _credited_for(scores, students, plan)
    maxima, slots = _max_points(plan), plan.slots
    rows = []
    for student in credited.index:
        choice = plan.choice(student)
        weights = plan.track(choice.track).weights
        row: dict[str, object] = {"track": choice.track}
        achieved = counted_weight = 0.0
        not_counted: list[str] = []
        for slot, weight in weights.items():
            sheet, others = _counted_variant(student, slots[slot], choice.paths.get(slot), credited, maxima)
            not_counted += others
            if len(slots[slot]) > 1:
                row[path_column(slot)] = sheet or ""
            if sheet is not None and (student, sheet) in plan.excused:
                continue
            points = credited.at[student, sheet] if sheet is not None else np.nan
            achieved += weight * (0.0 if pd.isna(points) else min(1.0, points / maxima[sheet]))
            counted_weight += weight
        row["not_counted"] = ", ".join(not_counted + [s for s in plan.sheet_ids if plan.sheet(s).slot_id not in weights
                                                      and not pd.isna(credited.at[student, s])])
        percent = 100 * achieved / counted_weight if counted_weight else 0.0
        # shown rounded down: 40.995 is an F under a cut-off of 41 and must not read 41
        row["percent"], row["grade"] = math.floor(percent * 100 + 1e-6) / 100, letter(percent, plan.letter_cutoffs)
        rows.append(row)
    table = credited.fillna(0.0).join(pd.DataFrame(rows, index=credited.index))
    paths = [c for c in track_columns(plan) if c in table]  # a slot outside a student's track: no path
    table[paths] = table[paths].fillna("")
    return table.reset_index()


def progress_text(row: pd.Series) -> str:
    """One sentence on a student's standing, for their feedback."""
    so_far = f"{row['points']:g} of {row['max_so_far']:g} points so far"
    if row["status"] == ADMITTED:
        reason = f" (carried over from {row['carried_over']})" if row["carried_over"] is not None else ""
        return f"{so_far}: you are admitted to the exam{reason}."
    if row["status"] == CANNOT_REACH:
        return (f"{so_far}; {row['needed']:g} are needed for exam admission and at most "
                f"{row['max_reachable']:g} can still be reached.")
    sheets = "sheet" if row["remaining_sheets"] == 1 else "sheets"
    return (f"{so_far}; {row['still_needed']:g} more needed over the remaining {row['remaining_sheets']} {sheets}, "
            f"{row['average_needed']:.1f} per sheet.")
