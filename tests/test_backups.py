"""A consistent copy of the gradebook before grades are written, the newest few kept, and a clear stop when the
copy cannot be made."""

from __future__ import annotations

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from grading.backups import BACKUP_DIR, backup_gradebook
from grading.course import Course
from grading.errors import GradingError
from tests.postgres import on_postgres


def _students(db: Path) -> list[str]:
    with closing(sqlite3.connect(db)) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM student ORDER BY id")]


def test_copies_the_gradebook_and_keeps_the_newest(course_dir: Path) -> None:
    plan = course_dir / "course.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("keep = 30 ", "keep = 2 "), encoding="utf-8")
    course = Course(course_dir)
    assert backup_gradebook(course, "autograde-sheet01") is None  # no gradebook yet: nothing to copy
    copies = []
    for student in ("ab123", "cd456", "ef789"):
        with course.gradebook() as gb:
            gb.add_student(student)
        copies.append(backup_gradebook(course, "autograde-sheet01"))
    kept = sorted((course_dir / BACKUP_DIR).iterdir())
    assert kept == copies[1:]
    assert [_students(copy) for copy in kept] == [["ab123", "cd456"], ["ab123", "cd456", "ef789"]]
    assert kept[0].name.startswith("gradebook-") and kept[0].name.endswith("-autograde-sheet01.db")


def test_a_copy_that_cannot_be_made_stops_the_command(course_dir: Path) -> None:
    course = Course(course_dir)
    with course.gradebook() as gb:
        gb.add_student("ab123")
    (course_dir / ".grading").mkdir()
    (course_dir / BACKUP_DIR).write_text("a file where the folder belongs", encoding="utf-8")
    with pytest.raises(GradingError, match=rf"cannot back up the gradebook into {course_dir / BACKUP_DIR} before "
                       r"`autograde-sheet01`: .*nothing was graded"):
        backup_gradebook(course, "autograde-sheet01")


def test_postgresql_is_dumped(postgres, course_dir: Path) -> None:
    course = on_postgres(course_dir, postgres.database("backup"))
    with course.gradebook() as gb:
        gb.add_student("ab123")
    dump = backup_gradebook(course, "autograde-sheet01")
    assert dump is not None and dump.suffix == ".sql"
    restored = postgres.database("restored")
    subprocess.run(["psql", "--quiet", "--file", str(dump), restored], check=True, capture_output=True)
    with on_postgres(course_dir, restored).gradebook() as gb:
        assert [s.id for s in gb.students] == ["ab123"]
