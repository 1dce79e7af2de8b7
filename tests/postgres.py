"""A real PostgreSQL server for tests: Debian's postgresql binaries, run as an unprivileged user on 127.0.0.1
with a throw-away data folder, one per test session."""

from __future__ import annotations

import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa

from grading.course import Course
from grading.hub.ports import free_port

USER = "nobody"  # initdb refuses root; the server's files belong to this user
SUPERUSER = "grading"


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not found:
        raise RuntimeError("PostgreSQL not found in /usr/lib/postgresql: `make test` installs Debian's postgresql")
    return found[-1].parent


class PostgresServer:
    """initdb into a fresh folder, start and stop with pg_ctl, hand out empty databases by URL."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.data = Path(tempfile.mkdtemp(prefix="grading-pg-"))
        user = pwd.getpwnam(USER)
        shutil.chown(self.data, user.pw_uid, user.pw_gid)
        self.port = free_port()
        self._run("initdb", "--pgdata", str(self.data), "--username", SUPERUSER, "--auth", "trust",
                  "--encoding", "UTF8", "--no-sync")
        self.start()

    def _run(self, tool: str, *args: str) -> None:
        command: Sequence[str] = ["runuser", "-u", USER, "--", str(self.bin / tool), *args]
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=120, cwd=self.data)

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c fsync=off"
        self._run("pg_ctl", "start", "--pgdata", str(self.data), "--wait", "--log", str(self.data / "server.log"),
                  "-o", options)

    def stop(self) -> None:
        self._run("pg_ctl", "stop", "--pgdata", str(self.data), "--wait", "--mode", "fast")

    def url(self, name: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    def database(self, name: str) -> str:
        """A new empty database's URL."""
        engine = sa.create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
                connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        finally:
            engine.dispose()
        return self.url(name)

    def close(self) -> None:
        try:
            self.stop()
        finally:
            shutil.rmtree(self.data, ignore_errors=True)


def on_postgres(root: Path, url: str) -> Course:
    """The course pointed at PostgreSQL the way the README says: its nbgrader_config.py names the URL."""
    with (root / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(f"\nc.CourseDirectory.db_url = {url!r}\n")
    return Course(root)
