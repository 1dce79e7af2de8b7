"""A simulated student works only on their own track's sheets and, in a slot with several, on their own path."""

from __future__ import annotations

from grading.plan import load_plan
from grading.simulate.paths import takes
from grading.simulate.people import make_roster
from tests.conftest import REPO


def test_demo_cohort_spreads_over_both_tracks_and_every_path() -> None:
    plan = load_plan(REPO / "courses" / "advanced-ml" / "course.toml")
    roster = list(make_roster(20, 0)["id"])  # the demo's roster
    taken = {student: {s.id for s in plan.sheets if takes(plan, student, s.id)} for student in roster}
    for student, sheets in taken.items():
        track = plan.track(plan.choice(student).track)
        assert sorted(plan.sheet(s).slot_id for s in sheets) == sorted(track.weights), student  # one sheet per slot
    assert taken["yk997"] == {"long-project"}
    assert taken["mt125"] == taken["ak107"] == {"project1-pinn", "project2"}  # a team: the same path
    assert taken["aa787"] == {"project1-data", "project2"}
    assert taken["jn439"] == {"project1-rnn", "project2"}  # no choice: the default track, the slot's first path
    assert {s for sheets in taken.values() for s in sheets} == set(plan.sheet_ids)
    assert {plan.choice(student).track for student in roster} == {t.id for t in plan.tracks}


def test_without_tracks_every_sheet_is_taken() -> None:
    plan = load_plan(REPO / "course.toml")
    assert all(takes(plan, "anyone", sheet) for sheet in plan.sheet_ids)
