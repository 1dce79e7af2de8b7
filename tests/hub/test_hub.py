"""The hub as its configuration promises: course groups, each role's nbgrader panels, a formgrader
service for staff only that works in the course folder as the grader account, and folders closed to students.
"""

from __future__ import annotations

import grp
import json
import pwd
import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.hub.conftest import Hub, run_as

NBGRADER = "@jupyter/nbgrader"


def _headers(hub: Hub, user: str) -> dict[str, str]:
    return {"Authorization": f"token {hub.token(user)}"}


def _start_server(hub: Hub, user: str, timeout: float = 180.0) -> None:
    admin = _headers(hub, hub.instructor)
    response = httpx.post(f"{hub.url}/hub/api/users/{user}/server", headers=admin, timeout=timeout)
    assert response.status_code in (201, 202), response.text
    deadline = time.monotonic() + timeout
    while not httpx.get(f"{hub.url}/hub/api/users/{user}", headers=admin).json()["servers"].get("", {}).get("ready"):
        assert time.monotonic() < deadline, f"the server of {user} did not start"
        time.sleep(0.5)


@pytest.fixture(scope="module")
def student(hub: Hub) -> Iterator[str]:
    _start_server(hub, hub.students[8])
    yield hub.students[8]
    httpx.delete(f"{hub.url}/hub/api/users/{hub.students[8]}/server", headers=_headers(hub, hub.instructor),
                 timeout=60)  # the hub answers once the server stopped, or after 10 s


@pytest.fixture(scope="module")
def ta(hub: Hub) -> Iterator[str]:
    _start_server(hub, hub.tas[1])
    yield hub.tas[1]
    httpx.delete(f"{hub.url}/hub/api/users/{hub.tas[1]}/server", headers=_headers(hub, hub.instructor),
                 timeout=60)  # the hub answers once the server stopped, or after 10 s


def _disabled_panels(hub: Hub, user: str) -> set[str]:
    """The nbgrader lab plugins JupyterLab's page config switches off for this user."""
    page = httpx.get(f"{hub.url}/user/{user}/lab", headers=_headers(hub, user), timeout=60)
    page.raise_for_status()
    data = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page.text, re.S)
    assert data, page.text[:500]
    return {name.split(":")[1] for name in json.loads(data.group(1))["disabledExtensions"] if name.startswith(NBGRADER)}


def test_students_and_staff_form_the_course_groups(hub: Hub) -> None:
    groups = httpx.get(f"{hub.url}/hub/api/groups", headers=_headers(hub, hub.instructor)).json()
    members = {group["name"]: set(group["users"]) for group in groups}
    course = hub.course.course_id
    assert members[f"nbgrader-{course}"] == set(hub.students)
    assert members[f"formgrade-{course}"] == {hub.instructor, *hub.tas}


def test_a_students_server_has_the_student_panels(hub: Hub, student: str) -> None:
    assert _disabled_panels(hub, student) == {"formgrader", "create-assignment", "course-list"}
    own = _headers(hub, student)
    assert httpx.get(f"{hub.url}/user/{student}/formgrader", headers=own).status_code == 404
    listed = httpx.get(f"{hub.url}/user/{student}/assignments", params={"course_id": hub.course.course_id},
                       headers=own, timeout=60).json()
    assert listed["success"], listed
    assert {(a["assignment_id"], a["status"]) for a in listed["value"]} >= {("sheet01", "released")}


def test_a_tas_server_lists_the_course_with_its_formgrader(hub: Hub, ta: str) -> None:
    assert _disabled_panels(hub, ta) == {"formgrader", "create-assignment"}
    courses = httpx.get(f"{hub.url}/user/{ta}/formgraders", headers=_headers(hub, ta), timeout=60).json()
    assert courses == {"success": True, "value": [
        {"course_id": hub.course.course_id, "url": f"{hub.formgrader_url}/lab?formgrader=true", "kind": "jupyterhub"}]}


@pytest.mark.parametrize(("who", "status"), [("ta", 200), ("instructor", 200), ("student", 403)])
def test_only_staff_open_the_formgrader(hub: Hub, who: str, status: int) -> None:
    user = {"ta": hub.tas[0], "instructor": hub.instructor, "student": hub.students[9]}[who]
    response = httpx.get(f"{hub.formgrader_url}/formgrader/api/status", headers=_headers(hub, user), timeout=60)
    assert response.status_code == status


def test_the_formgrader_writes_in_the_course_folder_as_the_grader_account(hub: Hub) -> None:
    url = f"{hub.formgrader_url}/api/contents/written-by-the-formgrader.txt"
    headers = _headers(hub, hub.tas[0])
    response = httpx.put(url, json={"type": "file", "format": "text", "content": "x"}, headers=headers, timeout=60)
    assert response.status_code == 201, response.text
    written = (hub.course.root / "written-by-the-formgrader.txt").stat()
    assert pwd.getpwuid(written.st_uid).pw_name == hub.settings.grader
    assert grp.getgrgid(written.st_gid).gr_name == hub.settings.graders_group
    assert written.st_mode & 0o777 == 0o660, "staff's files stay within the graders' group"
    assert httpx.delete(url, headers=headers).status_code == 204


def test_the_course_folder_is_closed_to_students_and_open_to_staff(hub: Hub) -> None:
    plan = hub.course.root / "course.toml"
    for command in (["cat", str(plan)], ["ls", str(hub.course.root)]):
        result = run_as(hub.students[9], command)
        assert result.returncode != 0 and "Permission denied" in result.stderr, (command, result)
    assert run_as(hub.tas[0], ["cat", str(plan)]).returncode == 0


def test_the_exchange_has_nbgraders_modes_and_belongs_to_the_grader_account(hub: Hub) -> None:
    course = hub.course.exchange_root / hub.course.course_id
    assert hub.course.exchange_root.stat().st_mode & 0o7777 == 0o1777
    modes = {folder.name: folder.stat().st_mode & 0o7777 for folder in (course, *course.iterdir())}
    assert modes == {course.name: 0o2775, "outbound": 0o2775, "inbound": 0o3773, "feedback": 0o2771}
    owners = {(pwd.getpwuid(f.stat().st_uid).pw_name, grp.getgrgid(f.stat().st_gid).gr_name) for f in course.iterdir()}
    assert owners == {(hub.settings.grader, hub.settings.graders_group)}


def test_the_idle_culler_runs_with_the_scopes_it_needs(hub: Hub) -> None:
    services = httpx.get(f"{hub.url}/hub/api/services", headers=_headers(hub, hub.instructor)).json()
    assert Path(f"/proc/{services['idle-culler']['pid']}").exists()
    deadline = time.monotonic() + 60
    while "200 GET /hub/api/users?state=[secret] (idle-culler@" not in hub.log.read_text():
        assert time.monotonic() < deadline, "the culler never listed the users and their servers"
        time.sleep(1)
