"""The policy, property by property: statuses, projections, teams, excusals, bonus, letters."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grading.plan import CoursePlan, Sheet, Team, load_plan
from grading.policy.standing import (
    ADMITTED,
    AT_RISK,
    CANNOT_REACH,
    NOT_PARTICIPATING,
    ON_TRACK,
    STATUS_ORDER,
    final_grades,
    letter,
    progress_text,
    standing,
)

START = datetime(2026, 10, 20, 23, 59, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]


def make_plan(n_sheets: int = 6, points: float = 10.0, threshold: float = 0.5, **changes) -> CoursePlan:
    sheets = tuple(Sheet(f"s{i}", "", points, START + timedelta(weeks=i)) for i in range(n_sheets))
    plan = CoursePlan(Path("course.toml"), "test", Path("roster.csv"), sheets, admission_threshold=threshold)
    return replace(plan, **changes)


def week(n: int) -> datetime:
    """A moment just after sheet n-1 is due: n sheets are done."""
    return START + timedelta(weeks=n - 1, hours=1)


def scores(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["student", "sheet", "points"])


def row(table: pd.DataFrame, student: str) -> pd.Series:
    return table.set_index("id").loc[student]


# a student's points on the six sheets of make_plan(); None: no submission
sheet_points = st.lists(st.one_of(st.none(), st.floats(0, 10, allow_nan=False)), min_size=6, max_size=6)


def _one(points: list[float | None], plan: CoursePlan, now: datetime) -> pd.Series:
    rows = [("x", f"s{i}", p) for i, p in enumerate(points) if p is not None]
    return row(standing(scores(rows), ["x"], plan, now), "x")


@settings(max_examples=150, deadline=None)
@given(sheet_points, st.integers(0, 5), st.floats(0, 10), st.integers(1, 7))
def test_more_points_never_worsen_the_status(points, which, extra, done) -> None:
    plan = make_plan()
    before = _one(points, plan, week(done))
    better = list(points)
    better[which] = min(10.0, (better[which] or 0.0) + extra)
    after = _one(better, plan, week(done))
    assert STATUS_ORDER.index(after["status"]) >= STATUS_ORDER.index(before["status"])
    assert after["points"] >= before["points"]


@settings(max_examples=100, deadline=None)
@given(sheet_points, st.integers(1, 7))
def test_projections_are_consistent(points, done) -> None:
    result = _one(points, make_plan(), week(done))
    assert result["max_so_far"] == 10 * min(done, 6)
    assert result["max_total"] == 60 and result["needed"] == 30
    assert result["still_needed"] == pytest.approx(max(0.0, 30 - result["points"]))
    assert result["points"] <= result["max_reachable"] <= 60 + 1e-9
    assert result["remaining_sheets"] == 6 - min(done, 6)
    if result["status"] == CANNOT_REACH:
        assert result["max_reachable"] < 30
    if result["status"] == ADMITTED:
        assert result["points"] >= 30 - 1e-9


@settings(max_examples=100, deadline=None)
@given(sheet_points, st.integers(0, 5))
def test_an_excused_sheet_scales_the_maximum_exactly(points, excused) -> None:
    plan = make_plan(excused={("x", f"s{excused}"): "sick note"})
    result = _one(points, plan, week(7))
    assert result["max_total"] == 50 and result["needed"] == 25
    assert result["points"] == pytest.approx(sum(p or 0 for i, p in enumerate(points) if i != excused))
    assert result["max_so_far"] == 50
    assert result["percent"] == pytest.approx(round(100 * result["points"] / 50, 2))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.floats(0, 10)), min_size=0, max_size=3))
def test_a_teams_points_reach_every_member(submissions) -> None:
    plan = make_plan(teams=(Team(("a", "b", "c"), ("s1",)),))
    table = standing(scores([(m, "s1", p) for m, p in submissions]), ["a", "b", "c", "d"], plan, week(3))
    best = max((p for _, p in submissions), default=0.0)
    for member in "abc":
        assert row(table, member)["s1"] == pytest.approx(best)
    assert row(table, "d")["s1"] == 0


def test_team_membership_changes_between_sheets() -> None:
    plan = make_plan(teams=(Team(("a", "b"), ("s0",)), Team(("a", "c"), ("s1",))))
    table = standing(scores([("b", "s0", 7), ("a", "s1", 9), ("b", "s1", 2)]), list("abc"), plan, week(3))
    assert list(row(table, "a")[["s0", "s1"]]) == [7, 9]
    assert list(row(table, "b")[["s0", "s1"]]) == [7, 2]
    assert list(row(table, "c")[["s0", "s1"]]) == [0, 9]


def test_bonus_and_carried_over() -> None:
    plan = make_plan(bonus=(("a", 2.0, "bug report"),), carried_over={"c": 2025})
    table = standing(scores([("a", "s0", 5), ("b", "s0", 5)]), list("abc"), plan, week(2))
    assert row(table, "a")["points"] == 7 and row(table, "a")["max_total"] == 60
    assert row(table, "c")["status"] == ADMITTED
    assert "carried over from 2025" in progress_text(row(table, "c"))


def test_statuses_by_example() -> None:
    plan = make_plan()
    rows = [("steady", f"s{i}", 6) for i in range(3)] + [("slow", f"s{i}", 3) for i in range(3)]
    rows += [("done", f"s{i}", 10) for i in range(3)] + [("lost", "s0", 0)]
    table = standing(scores(rows), ["steady", "slow", "done", "lost", "absent"], plan, week(3))
    statuses = table.set_index("id")["status"].to_dict()
    assert statuses == {"steady": ON_TRACK, "slow": AT_RISK, "done": ADMITTED, "lost": AT_RISK,
                        "absent": NOT_PARTICIPATING}
    late_table = standing(scores(rows), ["lost"], plan, week(5))
    assert row(late_table, "lost")["status"] == CANNOT_REACH  # 0 points, 20 reachable of the 30 needed
    text = progress_text(row(table, "steady"))
    assert text == "18 of 30 points so far; 12 more needed over the remaining 3 sheets, 4.0 per sheet."


def test_no_sheets_due_yet_and_nobody_submitted() -> None:
    table = standing(scores([]), ["a", "b"], make_plan(), START - timedelta(days=3))
    assert set(table["status"]) == {ON_TRACK}
    assert (table["max_so_far"] == 0).all() and (table["remaining_sheets"] == 6).all()
    table = standing(scores([]), ["a", "b"], make_plan(), week(2))
    assert set(table["status"]) == {NOT_PARTICIPATING}


def test_students_with_scores_but_not_listed_are_kept() -> None:
    table = standing(scores([("ghost", "s0", 4)]), ["a"], make_plan(), week(2))
    assert list(table["id"]) == ["a", "ghost"]


CUTOFFS = {"A": 89, "B": 77, "C": 65, "D": 53, "E": 41}


@pytest.mark.parametrize(("percent", "grade"), [(100, "A"), (89, "A"), (88.99, "B"), (77, "B"), (65, "C"),
                                                (53, "D"), (41, "E"), (40.99, "F"), (0, "F")])
def test_letter_boundaries(percent: float, grade: str) -> None:
    assert letter(percent, CUTOFFS) == grade


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 100), st.floats(0, 100))
def test_letters_are_monotone(p1: float, p2: float) -> None:
    low, high = sorted([p1, p2])
    order = "FEDCBA"
    assert order.index(letter(high, CUTOFFS)) >= order.index(letter(low, CUTOFFS))


def test_course_b_final_grades() -> None:
    """The shipped plan: the default track over the paths submitted, a chosen path, the long project alone."""
    plan = load_plan(REPO / "courses" / "advanced-ml" / "course.toml")
    rows = [("a", "project1-rnn", 100), ("a", "project2", 78), ("b", "project1-pinn", 80), ("c", "project2", 100),
            ("d", "project1-data", 10), ("mt125", "project1-pinn", 44.5), ("mt125", "project1-rnn", 100),
            ("mt125", "project2", 89), ("yk997", "long-project", 77), ("yk997", "project2", 100)]
    plan = replace(plan, excused={("d", "project1-data"): "illness"})
    students = ["a", "b", "c", "d", "e", "mt125", "yk997"]
    table = final_grades(scores([*rows, ("d", "project2", 90)]), students, plan).set_index("id")
    assert table.loc["a", "percent"] == 89 and table.loc["a", "grade"] == "A"
    assert table.loc["b", "percent"] == 40 and table.loc["b", "grade"] == "F"
    assert table.loc["c", "percent"] == 50 and table.loc["c", "grade"] == "E"
    assert table.loc["d", "percent"] == 90 and table.loc["d", "grade"] == "A"  # project 1 excused
    assert table.loc["e", "grade"] == "F"
    assert table.loc["mt125", "percent"] == 66.75 and table.loc["mt125", "project1_path"] == "project1-pinn"
    assert table.loc["mt125", "not_counted"] == "project1-rnn"
    assert (table.loc["yk997", "track"], table.loc["yk997", "percent"]) == ("one-long-project", 77)
    assert table.loc["yk997", "grade"] == "B" and table.loc["yk997", "not_counted"] == "project2"


def tracks_plan(tmp_path: Path) -> CoursePlan:
    from tests.test_plan import TRACKS

    (tmp_path / "course.toml").write_text(TRACKS, encoding="utf-8")
    return load_plan(tmp_path / "course.toml")


def test_tracks_and_paths_make_the_final_grade(tmp_path: Path) -> None:
    """Both tracks and every path; a = pinn chosen (50 points), b = the long project, the rest the default."""
    plan = tracks_plan(tmp_path)
    rows = [("a", "p1-pinn", 44.5), ("a", "project2", 89), ("a", "p1-rnn", 100),  # rnn not chosen: not counted
            ("b", "long", 77), ("b", "project2", 100),  # outside b's track
            ("c", "p1-rnn", 65), ("c", "project2", 65),
            ("d", "p1-data", 100), ("d", "p1-rnn", 10), ("d", "project2", 6),  # no path chosen: the best counts
            ("e", "p1-data", 40.99), ("e", "project2", 41)]
    table = final_grades(scores(rows), list("abcdef"), plan).set_index("id")
    expected = {"a": (89.0, "A", "p1-pinn"), "b": (77.0, "B", None), "c": (65.0, "C", "p1-rnn"),
                "d": (53.0, "D", "p1-data"), "e": (40.99, "F", "p1-data"), "f": (0.0, "F", "")}
    for student, (percent, grade, path) in expected.items():
        assert table.loc[student, "percent"] == percent and table.loc[student, "grade"] == grade, student
        assert table.loc[student, "track"] == ("long-project" if student == "b" else "two-projects")
        if path is not None:
            assert table.loc[student, "project1_path"] == path
    assert table.loc["b", "percent"] == 77.0  # the long project alone is the whole grade
    assert dict(table["not_counted"]) == {"a": "p1-rnn", "b": "project2", "c": "", "d": "p1-rnn", "e": "", "f": ""}


def test_a_team_shares_the_counted_variant(tmp_path: Path) -> None:
    plan = replace(tracks_plan(tmp_path), teams=(Team(("c", "d"), ("p1-rnn", "p1-pinn", "p1-data", "project2")),))
    table = final_grades(scores([("c", "p1-data", 90), ("d", "project2", 70)]), ["c", "d"], plan).set_index("id")
    assert list(table["percent"]) == [80.0, 80.0] and list(table["project1_path"]) == ["p1-data", "p1-data"]


def test_an_excused_counted_variant_leaves_its_slot_out(tmp_path: Path) -> None:
    plan = replace(tracks_plan(tmp_path), excused={("a", "p1-pinn"): "illness"})
    table = final_grades(scores([("a", "project2", 70)]), ["a"], plan).set_index("id")
    assert table.loc["a", "percent"] == 70.0
