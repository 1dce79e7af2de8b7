"""The demo's reset leaves nothing of an earlier demo behind, and touches no gradebook it did not make."""

from __future__ import annotations

from pathlib import Path

import pytest

from grading.course import Course
from grading.demo import GENERATED, MADE, reset_demo_state
from grading.errors import GradingError
from grading.simulate.cohort import SIMULATION_DIR


def test_reset_removes_everything_a_demo_made(course_dir: Path) -> None:
    course = Course(course_dir)
    made = [course_dir / "gradebook.db", course_dir / SIMULATION_DIR / "cohort-sheet01.csv", course.plan.roster,
            course_dir / ".grading" / "state" / "sheet01" / "s1.json", course.exchange_root / course.course_id / "x",
            *(course_dir / name / "sheet01" / "f" for name in GENERATED),
            *(course_dir / name for name in MADE if "." in name[1:]), course_dir / "similarity-sheet01.html"]
    for path in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("left by a demo", encoding="utf-8")
    reset_demo_state(course)
    assert [path for path in made if path.exists()] == []
    assert (course_dir / "source" / "sheet01").is_dir() and (course_dir / "course.toml").is_file()


def test_reset_refuses_a_gradebook_not_made_by_a_demo(course_dir: Path) -> None:
    (course_dir / "gradebook.db").write_bytes(b"a real semester")
    with pytest.raises(GradingError, match=r"gradebook\.db exists and was not made by the demo"):
        reset_demo_state(Course(course_dir))
    assert (course_dir / "gradebook.db").read_bytes() == b"a real semester"
