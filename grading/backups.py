"""A copy of the gradebook before every command that writes grades, kept in .grading/backups/.

SQLite is copied with its online backup API (a consistent copy even while the formgrader writes), PostgreSQL
with pg_dump when it is installed. The newest `keep` copies stay ([backups] in course.toml); to restore, stop
every grader and put a copy in the gradebook's place (`cp .grading/backups/NAME.db gradebook.db`, or
`psql DB_URL -f NAME.sql` into an empty database): the next `grading autograde` regrades whatever the copy lacks.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from grading.course import Course
from grading.errors import GradingError

BACKUP_DIR = Path(".grading") / "backups"


def backup_gradebook(course: Course, command: str) -> Path | None:
    """Copy the gradebook before `command` writes to it; None when there is nothing to copy (no gradebook yet,
    or PostgreSQL without pg_dump). A copy that cannot be made stops the command: it names the file and why."""
    url = sa.make_url(course.db_url)
    folder = course.root / BACKUP_DIR
    name = f"gradebook-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{command}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if url.get_backend_name() == "sqlite":
            copy = _sqlite_copy(Path(url.database or ""), folder / f"{name}.db")
        elif url.get_backend_name() == "postgresql" and shutil.which("pg_dump"):
            copy = _pg_dump(url, folder / f"{name}.sql")
        else:
            return None
    except (OSError, sqlite3.Error, subprocess.CalledProcessError) as exc:
        detail = exc.stderr.strip() if isinstance(exc, subprocess.CalledProcessError) else exc
        raise GradingError(f"cannot back up the gradebook into {folder} before `{command}`: {detail}; "
                           "nothing was graded") from None
    if copy is not None:
        prune(folder, course.plan.backups_keep)
    return copy


def _sqlite_copy(source: Path, target: Path) -> Path | None:
    if not source.is_file():
        return None
    partial = target.with_suffix(".partial")
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=10)) as db, \
            closing(sqlite3.connect(partial)) as copy:
        db.backup(copy)
    os.replace(partial, target)
    return target


def _pg_dump(url: sa.URL, target: Path) -> Path:
    partial = target.with_suffix(".partial")
    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(["pg_dump", "--no-owner", "--file", str(partial), libpq], check=True, capture_output=True,
                   text=True, timeout=600)
    os.replace(partial, target)
    return target


def prune(folder: Path, keep: int) -> None:
    """Keep the newest `keep` copies (names sort by time), and no leftover of a copy that was interrupted."""
    copies = sorted(p for p in folder.glob("gradebook-*") if p.suffix in (".db", ".sql"))
    for path in [*copies[:-keep], *folder.glob("gradebook-*.partial")]:
        path.unlink(missing_ok=True)
