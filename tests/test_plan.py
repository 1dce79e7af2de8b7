"""course.toml: a valid plan reads as stated; every mistake names the file, the key and what is wrong."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from grading.plan import PlanError, load_plan
from grading.sandbox.limits import MIB, Limits

REPO = Path(__file__).resolve().parent.parent

VALID = """
[course]
name = "x"
roster = "roster.csv"

[admission]
threshold = 0.5

[late]
grace_minutes = 10
penalty = "per_day"
per_day = 0.25
max_days = 2

[[sheets]]
id = "sheet01"
points = 20
due = 2026-10-27T23:59:00+01:00

[[sheets]]
id = "sheet02"
points = 10
due = 2026-11-03T23:59:00+01:00

[[extensions]]
student = "ab123"
sheet = "sheet02"
days = 2

[[excused]]
student = "cd456"
sheet = "sheet01"
reason = "sick note"

[[bonus]]
student = "ab123"
points = 1.5
reason = "bug report"

[[carried_over]]
student = "ef789"
year = 2025

[[teams]]
members = ["ab123", "cd456"]
sheets = ["sheet02"]

[hub]
instructor = "prof"
tas = ["ta1", "ta2"]
port = 8010
memory_mb = 1024
processes = 128
cpus = 0.5
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "course.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_plan(tmp_path: Path) -> None:
    plan = load_plan(_write(tmp_path, VALID))
    assert plan.sheet_ids == ["sheet01", "sheet02"]
    assert plan.total_points == 30
    assert plan.roster == tmp_path / "roster.csv"
    assert plan.sheet("sheet02").due.utcoffset() == timedelta(hours=1)
    assert plan.late.grace == timedelta(minutes=10) and plan.late.max_days == 2
    assert plan.extension("ab123", "sheet02") == timedelta(days=2, minutes=10)
    assert plan.extension("ab123", "sheet01") == timedelta(minutes=10)
    assert plan.excused == {("cd456", "sheet01"): "sick note"}
    assert plan.bonus == (("ab123", 1.5, "bug report"),)
    assert plan.carried_over == {"ef789": 2025}
    assert plan.teams[0].members == ("ab123", "cd456") and plan.teams[0].sheets == ("sheet02",)
    assert plan.hub is not None and plan.hub.staff == ("prof", "ta1", "ta2") and plan.hub.port == 8010
    assert (plan.hub.memory_mb, plan.hub.processes, plan.hub.cpus) == (1024, 128, 0.5)
    assert (plan.sheet("sheet01").on_submit, plan.sheet("sheet01").on_submit_limit) == ("score", None)


def test_feedback_on_submit_per_sheet(tmp_path: Path) -> None:
    changed = VALID.replace("points = 10", 'points = 10\non_submit = "full"\non_submit_limit = 5')
    plan = load_plan(_write(tmp_path, changed))
    assert (plan.sheet("sheet02").on_submit, plan.sheet("sheet02").on_submit_limit) == ("full", 5)
    assert plan.sheet("sheet01").on_submit == "score"


def test_hub_is_optional_and_has_defaults(tmp_path: Path) -> None:
    without = VALID[: VALID.index("[hub]")]
    assert load_plan(_write(tmp_path, without)).hub is None
    hub = load_plan(_write(tmp_path, without + '[hub]\ninstructor = "prof"\n')).hub
    assert hub is not None and hub.tas == () and hub.port == 8000
    assert (hub.memory_mb, hub.processes, hub.cpus) == (2048, 256, 1.0)


@pytest.mark.parametrize("name", ["course.toml", "courses/advanced-ml/course.toml"])
def test_shipped_plans_are_valid(name: str) -> None:
    path = REPO / name
    if not path.exists():
        pytest.skip(f"{name} not in this checkout")
    assert load_plan(path).sheets


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("points = 20", 'points = "twenty"', r"sheets\[0\]\.points must be a int or float, got 'twenty'"),
        ("points = 20", "points = -1", r"sheets\[0\]\.points must be positive"),
        ("points = 10", "", r"sheets\[1\]\.points is missing"),
        ("due = 2026-11-03T23:59:00+01:00", "due = 2026-11-03T23:59:00", r"sheets\[1\]\.due must include a UTC offset"),
        ("points = 10", 'points = 10\non_submit = "all"',
         r"sheets\[1\]\.on_submit must be one of none, score, public, full, got 'all'"),
        ("points = 10", "points = 10\non_submit_limit = 0", r"sheets\[1\]\.on_submit_limit must be at least 1"),
        ("points = 10", "points = 10\non_submit_limit = 2.5", r"sheets\[1\]\.on_submit_limit must be a int, got 2\.5"),
        ('id = "sheet02"', 'id = "sheet01"', r"sheets\[1\]\.id 'sheet01' is planned twice"),
        ("threshold = 0.5", "threshold = 50", r"admission\.threshold must be between 0 and 1, got 50"),
        ('roster = "roster.csv"', "", r"course\.roster is missing"),
        ("[course]", "[course", "not valid TOML"),
        ('penalty = "per_day"', 'penalty = "half"', r"late\.penalty must be one of none, per_day, zero, got 'half'"),
        ("per_day = 0.25", "", r"late\.per_day is needed"),
        ("\ndays = 2", "\ndays = -2", r"extensions\[0\]\.days must be at least 0"),
        ('sheet = "sheet02"\ndays', 'sheet = "sheet9"\ndays', r"extensions\[0\]\.sheet names no planned sheet"),
        ('reason = "sick note"', "", r"excused\[0\]\.reason is missing"),
        ('sheets = ["sheet02"]', 'sheets = ["sheet03"]', r"teams\[0\]\.sheets names no planned sheet"),
        ('members = ["ab123", "cd456"]', 'members = ["ab123"]', r"teams\[0\]\.members must list at least two"),
        ("[admission]\nthreshold = 0.5", "", "state exactly one rule"),
        ("[admission]", '[final_grade]\ncutoffs = { A = 50, B = 80 }\n[admission]', "state exactly one rule"),
        ('instructor = "prof"', "", r"hub\.instructor is missing"),
        ('instructor = "prof"', 'instructor = "Prof X"', r"hub\.instructor must be a user name .*got 'Prof X'"),
        ('tas = ["ta1", "ta2"]', 'tas = "ta1"', r"hub\.tas must be a list, got 'ta1'"),
        ('tas = ["ta1", "ta2"]', 'tas = ["ta1", 2]', r"hub\.tas\[1\] must be a user name"),
        ('tas = ["ta1", "ta2"]', 'tas = ["ta1", "ta1"]', r"hub\.tas\[1\] names 'ta1' twice among the staff"),
        ('tas = ["ta1", "ta2"]', 'tas = ["prof"]', r"hub\.tas\[0\] names 'prof' twice"),
        ("port = 8010", "port = 80000", r"hub\.port must be a TCP port between 1 and 65535, got 80000"),
        ("port = 8010", 'port = 8010\nserve = "yes"', r"hub\.serve must be true or false, got 'yes'"),
        ("port = 8010", 'port = "8010"', r"hub\.port must be a int, got '8010'"),
        ("memory_mb = 1024", "memory_mb = 100", r"hub\.memory_mb must be at least 256, got 100"),
        ("memory_mb = 1024", 'memory_mb = "1G"', r"hub\.memory_mb must be a int or float, got '1G'"),
        ("processes = 128", "processes = 8", r"hub\.processes must be at least 32, got 8"),
        ("processes = 128", "processes = 64.5", r"hub\.processes must be a int, got 64\.5"),
        ("cpus = 0.5", "cpus = 0", r"hub\.cpus must be at least 0\.01, got 0"),
        ("[hub]", '[feedback]\nhidden_tests = "never"\n[hub]',
         r"feedback\.hidden_tests must be one of hide, show, got 'never'"),
        ("[hub]", "[sandbox]\nscratch_mb = 0\n[hub]", r"sandbox\.scratch_mb must be positive"),
        ("[hub]", "[sandbox]\nscratch_gb = 1\n[hub]", r"sandbox\.scratch_gb is not a limit \(known: .*scratch_mb\)"),
    ],
)
def test_errors_name_file_and_key(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in VALID
    path = _write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(PlanError, match=message) as error:
        load_plan(path)
    assert str(error.value).startswith(str(path))


def test_a_student_in_two_teams_on_one_sheet(tmp_path: Path) -> None:
    text = VALID + '\n[[teams]]\nmembers = ["cd456", "zz000"]\n'
    with pytest.raises(PlanError, match=r"teams\[1\]\.members puts cd456 in a second team on sheet02"):
        load_plan(_write(tmp_path, text))


def test_letter_cutoffs(tmp_path: Path) -> None:
    rule = "[final_grade]\ncutoffs = { A = 90, B = 80, C = 70, D = 60, E = 50 }"
    plan = load_plan(_write(tmp_path, VALID.replace("[admission]\nthreshold = 0.5", rule)))
    assert plan.admission_threshold is None and plan.letter_cutoffs["E"] == 50
    bad = VALID.replace("[admission]\nthreshold = 0.5", "[final_grade]\ncutoffs = { A = 50, B = 80 }")
    with pytest.raises(PlanError, match="must fall from letter to letter"):
        load_plan(_write(tmp_path, bad))


def test_sandbox_limits_of_the_course_and_of_a_sheet(tmp_path: Path) -> None:
    text = VALID.replace("[hub]", "[sandbox]\nscratch_mb = 64\ncell_timeout = 20\n[hub]").replace(
        'id = "sheet02"', 'id = "sheet02"\nlimits = { scratch_mb = 8 }')
    plan = load_plan(_write(tmp_path, text))
    assert plan.limits("sheet01") == plan.sandbox == Limits(cell_timeout=20, scratch_bytes=64 * MIB)
    assert plan.limits("sheet02") == Limits(cell_timeout=20, scratch_bytes=8 * MIB)
    assert plan.limits("unplanned") == plan.sandbox
    assert load_plan(_write(tmp_path, VALID)).limits("sheet01").scratch_bytes == 512 * MIB


def test_missing_file_and_unknown_sheet(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="course plan not found"):
        load_plan(tmp_path / "course.toml")
    with pytest.raises(PlanError, match="no sheet 'sheet99'"):
        load_plan(_write(tmp_path, VALID)).sheet("sheet99")


BANKED = """
[[bank]]
id = "sheet16"
title = "Auto-encoders"
points = 10
"""


def test_a_banked_sheet_is_known_but_not_planned(tmp_path: Path) -> None:
    plan = load_plan(_write(tmp_path, VALID + BANKED))
    assert [s.id for s in plan.bank] == ["sheet16"] and "sheet16" not in plan.sheet_ids
    assert plan.total_points == load_plan(_write(tmp_path, VALID)).total_points
    with pytest.raises(PlanError, match=r"'sheet16' is in the \[\[bank\]\], not planned: move its table"):
        plan.sheet("sheet16")


@pytest.mark.parametrize(("banked", "message"), [
    (BANKED + "due = 2027-01-01T00:00:00+01:00\n", r"bank\[0\]\.due must be absent: a sheet in the bank"),
    (BANKED.replace("sheet16", "sheet02"), r"bank\[0\]\.id 'sheet02' is planned in \[\[sheets\]\]"),
    (BANKED + BANKED, r"bank\[1\]\.id 'sheet16' is in the bank twice"),
])
def test_a_wrong_bank_entry_is_named(tmp_path: Path, banked: str, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        load_plan(_write(tmp_path, VALID + banked))


TRACKS = """
[course]
name = "B"
roster = "roster.csv"

[final_grade]
cutoffs = { A = 89, B = 77, C = 65, D = 53, E = 41 }

[[sheets]]
id = "p1-rnn"
slot = "project1"
points = 100
due = 2027-03-20T23:59:00+01:00

[[sheets]]
id = "p1-pinn"
slot = "project1"
points = 50
due = 2027-03-20T23:59:00+01:00

[[sheets]]
id = "p1-data"
slot = "project1"
points = 100
due = 2027-03-20T23:59:00+01:00

[[sheets]]
id = "project2"
points = 100
due = 2027-05-29T23:59:00+02:00

[[sheets]]
id = "long"
points = 100
due = 2027-05-29T23:59:00+02:00

[[tracks]]
id = "two-projects"
default = true
weights = { project1 = 0.5, project2 = 0.5 }

[[tracks]]
id = "long-project"
weights = { long = 1.0 }

[[choices]]
student = "a"
paths = { project1 = "p1-pinn" }

[[choices]]
student = "b"
track = "long-project"
"""


def test_tracks_slots_and_choices(tmp_path: Path) -> None:
    plan = load_plan(_write(tmp_path, TRACKS))
    assert plan.slots == {"project1": ["p1-rnn", "p1-pinn", "p1-data"], "project2": ["project2"], "long": ["long"]}
    assert plan.default_track == "two-projects" and plan.has_tracks
    assert plan.choice("a").paths == {"project1": "p1-pinn"} and plan.choice("a").track == "two-projects"
    assert plan.track(plan.choice("b").track).weights == {"long": 1.0}
    assert plan.choice("nobody").track == "two-projects" and plan.choice("nobody").paths == {}


@pytest.mark.parametrize(("change", "message"), [
    (("weights = { long = 1.0 }", "weights = { long = 0.9 }"), r"tracks\[1\]\.weights must sum to 1, got 0\.9"),
    (("weights = { long = 1.0 }", "weights = { longg = 1.0 }"), r"tracks\[1\]\.weights\.longg names no slot"),
    (('track = "long-project"', 'track = "short"'), r"choices\[1\]\.track names no track: 'short'"),
    (('paths = { project1 = "p1-pinn" }', 'paths = { project1 = "project2" }'),
     r"choices\[0\]\.paths\.project1 names no variant of that slot: 'project2' \(variants: p1-rnn, p1-pinn, p1-d"),
    (('paths = { project1 = "p1-pinn" }', 'paths = { long = "long" }'),
     r"choices\[0\]\.paths\.long is no slot of track 'two-projects'"),
    (("default = true\n", ""), r"exactly one of \[\[tracks\]\] must have default = true, got none"),
    (('default = true\n', 'default = "yes"\n'), r"tracks\[0\]\.default must be true or false, got 'yes'"),
    (('slot = "project1"\npoints = 50', 'slot = "project1"\nweight = 0.5\npoints = 50'),
     r"sheets\[1\]\.weight: with \[\[tracks\]\] the weights are the tracks'"),
    (('[[choices]]\nstudent = "b"', '[[choices]]\nstudent = "a"'), r"choices\[1\]\.student repeats the choice of a"),
    (("[final_grade]\ncutoffs = { A = 89, B = 77, C = 65, D = 53, E = 41 }", "[admission]\nthreshold = 0.5"),
     r"\[\[tracks\]\] weight a final grade"),
])
def test_a_wrong_track_or_choice_is_named(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    assert change[0] in TRACKS
    with pytest.raises(PlanError, match=message):
        load_plan(_write(tmp_path, TRACKS.replace(change[0], change[1], 1)))


def test_team_members_share_track_and_paths(tmp_path: Path) -> None:
    team = '\n[[teams]]\nmembers = ["a", "c"]\n'
    with pytest.raises(PlanError, match=r"teams\[0\] must share a track and paths, got a: two-projects "
                                        r"\{'project1': 'p1-pinn'\}; c: two-projects"):
        load_plan(_write(tmp_path, TRACKS + team))
    chosen = '\n[[choices]]\nstudent = "c"\npaths = { project1 = "p1-pinn" }\n'
    assert load_plan(_write(tmp_path, TRACKS + chosen + team)).teams[0].members == ("a", "c")


def test_variants_without_tracks_share_a_weight(tmp_path: Path) -> None:
    plain = TRACKS[: TRACKS.index("[[tracks]]")]
    plan = load_plan(_write(tmp_path, plain))
    assert plan.track(plan.choice("x").track).weights == {"project1": 1.0, "project2": 1.0, "long": 1.0}
    weighted = plain.replace('slot = "project1"\npoints = 50', 'slot = "project1"\nweight = 2\npoints = 50')
    with pytest.raises(PlanError, match=r"sheets p1-rnn and p1-pinn are variants of slot 'project1' with different"):
        load_plan(_write(tmp_path, weighted))
    with pytest.raises(PlanError, match=r"\[\[choices\]\] choose among \[\[tracks\]\], and there are none"):
        load_plan(_write(tmp_path, plain + '[[choices]]\nstudent = "a"\ntrack = "x"\n'))
