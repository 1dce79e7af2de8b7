"""`grading hub`: prepare users, course folder, exchange and proxy, then become JupyterHub."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import pandas as pd

import grading
from grading.course import Course
from grading.errors import GradingError
from grading.hub.cgroups import check_available
from grading.hub.course_access import share_course
from grading.hub.exchange import prepare_exchange
from grading.hub.passwords import PASSWORDS_FILE, hand_out, reset
from grading.hub.ports import free_port, is_free
from grading.hub.proxy import HUB_DIR, proxy_command
from grading.hub.settings import SETTINGS_ENV, SETTINGS_FILE, HubSettings
from grading.hub.users import ensure_group, ensure_user
from grading.plan import SYSTEM_NAME, HubPlan
from grading.roster import read_roster, sync_to_gradebook

STATE_DIR = ".hub"  # in the course folder, root only: the hub's database, cookie secret, settings
CONFIG_FILE = HUB_DIR / "jupyterhub_config.py"
STEP_FOLDERS = ("source", "release", "submitted", "autograded", "feedback", "solution")


def _check_port(port: int) -> None:
    if not is_free(port):
        raise GradingError(f"port {port} is in use: set `port` in [hub] of course.toml or pass --port")


def _students(course: Course, hub: HubPlan, roster: pd.DataFrame) -> tuple[str, ...]:
    """The roster's ids, each a valid user name and none a staff member's."""
    for student in roster["id"]:
        if not SYSTEM_NAME.fullmatch(student):
            raise GradingError(f"{course.plan.roster}: student id {student!r} cannot be a user name on the hub "
                               "(lower-case letters, digits, '-' or '_', at most 32)")
        if student in hub.staff:
            raise GradingError(f"{course.plan.roster}: {student!r} is staff too ([hub] of {course.plan.path})")
    return tuple(roster["id"])


def _create_users(settings: HubSettings) -> set[str]:
    """The system accounts (the grader account's has no password: nobody logs in as it); returns the new ones."""
    comment = f"course {settings.course_id}"
    ensure_group(settings.graders_group)
    ensure_user(settings.grader, primary_group=settings.graders_group, comment=f"grader account of {comment}")
    created = {name for name in settings.staff
               if ensure_user(name, groups=[settings.graders_group], comment=f"staff of {comment}")}
    return created | {name for name in settings.students if ensure_user(name, comment=f"student of {comment}")}


def _people(settings: HubSettings, roster: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Everyone who logs in: id -> name and email (from the roster; staff have only their user name)."""
    names = roster["first_name"] + " " + roster["last_name"]
    students = dict(zip(roster["id"], zip(names, roster["email"], strict=True), strict=True))
    return {**{name: ("", "") for name in settings.staff}, **students}


def _require_root() -> None:
    if os.geteuid() != 0:
        raise GradingError("grading hub must run as root: it creates system users and starts servers as them")


def reset_password(course: Course, person: str) -> tuple[str, Path]:
    """A new password for one student or staff member of the hub; returns it and the updated list."""
    _require_root()
    path = course.root / STATE_DIR / PASSWORDS_FILE
    return reset(path, person), path


def prepare(course: Course, port: int | None = None) -> HubSettings:
    """Everything the hub needs, idempotently; returns the settings its config file reads."""
    hub = course.require_plan("hub").hub
    if hub is None:
        raise GradingError(f"{course.plan.path}: no [hub] table: name the instructor (and TAs) who teach on the hub")
    _require_root()
    check_available()
    if not SYSTEM_NAME.fullmatch(f"grader-{course.course_id}"):
        raise GradingError(f"course id {course.course_id!r} cannot name the grader account grader-{course.course_id}")
    port = port or hub.port
    _check_port(port)
    state = course.root / STATE_DIR
    state.mkdir(mode=0o700, exist_ok=True)
    roster = read_roster(course.plan.roster)
    settings = HubSettings(
        course_id=course.course_id, course_root=str(course.root), exchange=str(course.exchange_root),
        db_url=course.db_url, students=_students(course, hub, roster), tas=hub.tas, instructor=hub.instructor,
        port=port, hub_port=free_port(), proxy_api_port=free_port(), service_port=free_port(),
        state_dir=str(state), proxy_command=str(proxy_command()),
        memory_bytes=hub.memory_mb * 2**20, processes=hub.processes, cpus=hub.cpus,
        serve=hub.serve,
    )
    hand_out(settings.passwords, _people(settings, roster), renew=_create_users(settings))
    with course.gradebook() as gb:  # creates the gradebook, so it is closed to students below
        sync_to_gradebook(roster, gb)
    for step in STEP_FOLDERS:
        (course.root / getattr(course.coursedir, f"{step}_directory")).mkdir(exist_ok=True)
    reachable = [Path(sys.prefix), Path(grading.__file__).parent, HUB_DIR, course.exchange_root]
    share_course(course.root, settings.graders_group, reachable=reachable, private=[state])
    prepare_exchange(course.exchange_root, course.course_id, settings.grader, settings.graders_group)
    settings.save()
    return settings


def run(settings: HubSettings) -> NoReturn:
    """Replace this process by JupyterHub (signals then reach it directly; Ctrl-C stops every server)."""
    os.chdir(settings.state_dir)
    jupyterhub = Path(sys.executable).parent / "jupyterhub"
    environment = {**os.environ, SETTINGS_ENV: str(Path(settings.state_dir) / SETTINGS_FILE)}
    os.execve(jupyterhub, [str(jupyterhub), "--config", str(CONFIG_FILE)], environment)
