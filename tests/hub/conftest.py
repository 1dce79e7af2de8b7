"""A real JupyterHub for a throw-away copy of Course A, started once per test session with `grading hub`."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from grading.course import GROUP_UMASK, Course
from grading.hub.launch import STATE_DIR
from grading.hub.passwords import read_passwords
from grading.hub.ports import free_port
from grading.hub.proxy import HUB_DIR
from grading.hub.settings import SETTINGS_FILE, HubSettings
from grading.release import release
from grading.roster import write_roster
from grading.simulate import make_roster
from tests.conftest import REPO, make_course_dir

N_STUDENTS = 114
RELEASED = "sheet01"
LOG_COPY = REPO / "test-artifacts" / "hub" / "hub.log"  # kept after the session, for a failure's story
START_TIMEOUT = 180.0  # seconds for `grading hub` to create the users and the hub to answer
STOP_TIMEOUT = 180.0  # seconds for the hub to stop every server it started
OLD_SHARED_PASSWORD = "the-shared-password-of-last-term"


@dataclass
class Hub:
    """A running hub. Everything a test needs:

    - `url`: the hub, http://127.0.0.1:<port>; `formgrader_url`: the course's formgrader service;
    - `course`: the Course (course id `<prefix>-ml-physics`, not ml-physics: parallel test sessions
      must not share system users); `course.exchange_root`: its exchange; sheet01 is released;
    - `students` (114, the roster's ids), `tas` (2), `instructor`: system users that exist
      for the session only, all named `<prefix>-...`; students[0:2] are test_browser's,
      students[2:10] the exchange's and grader account's tests', students[10:13] test_limits'
      and test_login's, students[13] test_browser_serve's, the last 100 test_rush's;
    - `password(user)`: that person's own password, from the list `grading hub` wrote for the instructor;
      `old_shared_password`: the one password of the shared-password login this course's hub had before;
    - `token(user)`: an API token of that user (hub REST API and the user's server);
    - `settings`: what `grading hub` decided (ports, grader account, state folder); `log`: the hub's log.
    """

    url: str
    course: Course
    students: tuple[str, ...]
    tas: tuple[str, ...]
    instructor: str
    settings: HubSettings
    log: Path
    _tokens: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def formgrader_url(self) -> str:
        return f"{self.url}/services/{self.course.course_id}"

    old_shared_password = OLD_SHARED_PASSWORD

    def password(self, user: str) -> str:
        return read_passwords(self.settings.passwords)[user]["password"]

    def token(self, user: str) -> str:
        if user not in self._tokens:
            if user == self.instructor:
                body: dict = {"auth": {"username": user, "password": self.password(user)}}
                headers = {}
            else:
                body, headers = {}, {"Authorization": f"token {self.token(self.instructor)}"}
            response = httpx.post(f"{self.url}/hub/api/users/{user}/tokens", json=body | {"note": "tests"},
                                  headers=headers, timeout=60)
            response.raise_for_status()
            self._tokens[user] = response.json()["token"]
        return self._tokens[user]


def run_as(user: str, command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
           ) -> subprocess.CompletedProcess[str]:
    """Run a command as a system user, in their home (or cwd), as they would in a terminal of their server."""
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"  # found on root's PATH, whatever PATH `env` has
    return subprocess.run([runuser, "-u", user, "--", *command], cwd=cwd or pwd.getpwnam(user).pw_dir, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


def nbgrader_as(hub: Hub, student: str, command: str, sheet: str) -> None:
    """Run `nbgrader COMMAND SHEET` as a student, with the environment the hub gives their server."""
    env = {
        "HOME": pwd.getpwnam(student).pw_dir, "USER": student, "LANG": "C.UTF-8",
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "JUPYTER_CONFIG_PATH": f"{HUB_DIR / 'jupyter' / 'student'}:{HUB_DIR / 'jupyter' / 'common'}",
        "GRADING_EXCHANGE": str(hub.course.exchange_root), "JUPYTERHUB_USER": student,
        "JUPYTERHUB_API_TOKEN": hub.token(student), "JUPYTERHUB_API_URL": f"{hub.url}/hub/api",
    }
    result = run_as(student, ["nbgrader", command, sheet, "--course", hub.course.course_id], env=env)
    assert result.returncode == 0, result.stderr


def _course_copy(base: Path, prefix: str, port: int) -> Course:
    """The course with its own course id, exchange, roster of prefixed students and [hub] staff."""
    root = make_course_dir(base / "course")
    config = root / "nbgrader_config.py"
    config.write_text(config.read_text(encoding="utf-8") + (
        f'\nc.CourseDirectory.course_id = "{prefix}-ml-physics"\nc.Exchange.root = "{base / "exchange"}"\n'))
    plan = root / "course.toml"
    staff = 'instructor = "instructor"\ntas = ["ta1", "ta2"]\nport = 8000\n'
    assert staff in plan.read_text(encoding="utf-8")
    plan.write_text(plan.read_text(encoding="utf-8").replace(staff, (
        f'instructor = "{prefix}-instructor"\ntas = ["{prefix}-ta1", "{prefix}-ta2"]\nport = {port}\n'
        # the tests here collect and grade by hand; test_browser_serve starts `grading serve` as the hub would
        "serve = false\n")))
    course = Course(root)
    # the settings of the shared-password login `grading hub` had before each person got their own
    (root / STATE_DIR).mkdir(mode=0o700)
    (root / STATE_DIR / SETTINGS_FILE).write_text(json.dumps({"user_password": OLD_SHARED_PASSWORD}))
    roster = make_roster(N_STUDENTS, seed=6)
    roster["id"] = prefix + "-" + roster["id"]
    write_roster(roster, course.plan.roster)
    return course


def _wait_until_up(process: subprocess.Popen, url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"`grading hub` exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"no answer from {url} after {START_TIMEOUT:.0f} s:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=5).status_code < 400:  # the proxy answers 404 until it has the route
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)


def _remove_users(course_id: str, prefix: str) -> None:
    """Delete the session's system users (and their homes) and the graders' group."""
    for user in pwd.getpwall():
        if user.pw_name.startswith(f"{prefix}-") or user.pw_name == f"grader-{course_id}":
            subprocess.run(["userdel", "--force", "--remove", user.pw_name], capture_output=True)
    subprocess.run(["groupdel", f"formgrade-{course_id}"], capture_output=True)


@pytest.fixture(scope="session")
def hub() -> Iterator[Hub]:
    """`grading hub` for a course copy in /tmp (reachable by the system users, unlike pytest's 0700 tmp)."""
    umask = os.umask(GROUP_UMASK)  # as `grading` commands have it: tests here call the steps in this process
    prefix = f"t{os.getpid()}"
    base = Path(tempfile.mkdtemp(prefix="grading-hub-"))
    os.chmod(base, 0o711)
    log = base / "hub.log"
    course, process = _course_copy(base, prefix, free_port()), None
    try:
        release(course, RELEASED)
        command = [sys.executable, "-m", "grading.cli", "--course-dir", str(course.root), "hub"]
        with open(log, "wb") as output:
            process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        _wait_until_up(process, f"http://127.0.0.1:{course.plan.hub.port}/hub/api/", log)
        settings = HubSettings.load(course.root / STATE_DIR / SETTINGS_FILE)
        _wait_until_up(process, f"http://127.0.0.1:{settings.service_port}/services/{course.course_id}/", log)
        yield Hub(settings.url, course, settings.students, settings.tas, settings.instructor, settings, log)
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            LOG_COPY.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(log, LOG_COPY)
        _remove_users(course.course_id, prefix)
        shutil.rmtree(base, ignore_errors=True)
        os.umask(umask)
