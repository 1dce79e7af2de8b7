"""Deadline rush: 100 students submit within one minute through the hub, and collect loses none.

Each student's own server does the work, through the endpoints nbgrader's Assignments panel
calls (POST /user/<name>/assignments/fetch and .../submit), authenticated with the student's
own API token. Submissions go out on a fixed schedule over SUBMIT_WINDOW seconds whatever
the answers take, so on a slow machine many are in flight at once. Durations are printed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC
from typing import Any, TypeVar

import httpx
import nbformat
import pytest
from nbgrader.utils import parse_utc

from grading.collect import collect
from grading.release import release
from tests.hub.conftest import Hub

SHEET = "sheet02"  # not sheet01: the tests that follow single students use that one
RUSH = 100
SUBMIT_WINDOW = 50.0  # seconds over which the submissions are sent: all within one minute
SPAWN_AT_ONCE = 20  # the hub's concurrent_spawn_limit
SPAWN_TIMEOUT = 300.0  # seconds for one server, its wait for a slot not counted
TIMEOUT = httpx.Timeout(300.0, connect=30.0)
T = TypeVar("T")


@dataclass
class Sent:
    student: str
    sent: float  # epoch seconds, just before the request
    answered: float  # just after the answer


def _marker(student: str) -> str:
    return f"# answered by {student}"


async def _start_server(client: httpx.AsyncClient, hub: Hub, student: str, slots: asyncio.Semaphore) -> None:
    """Start one server; holds a slot until it is ready, so at most SPAWN_AT_ONCE start together."""
    admin = {"Authorization": f"token {hub.token(hub.instructor)}"}
    async with slots, asyncio.timeout(SPAWN_TIMEOUT):
        response = await client.post(f"{hub.url}/hub/api/users/{student}/server", headers=admin)
        assert response.status_code in (201, 202), response.text
        while not (await client.get(f"{hub.url}/hub/api/users/{student}", headers=admin)).json()["servers"].get(
                "", {}).get("ready"):
            await asyncio.sleep(1.0)


async def _fetch_and_answer(client: httpx.AsyncClient, hub: Hub, student: str) -> None:
    """Fetch the sheet in the student's server and write their own line into the notebook."""
    headers = {"Authorization": f"token {hub.token(student)}"}
    ids = {"course_id": hub.course.course_id, "assignment_id": SHEET}
    fetched = await client.post(f"{hub.url}/user/{student}/assignments/fetch", json=ids, headers=headers)
    assert fetched.status_code == 200 and fetched.json()["success"], fetched.text
    url = f"{hub.url}/user/{student}/api/contents/{hub.course.course_id}/{SHEET}/{SHEET}.ipynb"
    model = (await client.get(url, headers=headers)).json()
    model["content"]["cells"][0]["source"] += "\n" + _marker(student)
    saved = await client.put(url, json={"type": "notebook", "format": "json", "content": model["content"]},
                             headers=headers)
    assert saved.status_code == 200, saved.text


async def _submit(client: httpx.AsyncClient, hub: Hub, student: str, at: float) -> Sent:
    await asyncio.sleep(max(0.0, at - time.time()))
    ids = {"course_id": hub.course.course_id, "assignment_id": SHEET}
    sent = time.time()
    response = await client.post(f"{hub.url}/user/{student}/assignments/submit", json=ids,
                                 headers={"Authorization": f"token {hub.token(student)}"})
    answered = time.time()
    assert response.status_code == 200 and response.json()["success"], f"{student}: {response.text[:2000]}"
    return Sent(student, sent, answered)


async def _rush(hub: Hub, students: list[str]) -> tuple[list[Sent], dict[str, float]]:
    durations: dict[str, float] = {}
    for student in [hub.instructor, *students]:
        hub.token(student)
    limits = httpx.Limits(max_connections=RUSH + 10, max_keepalive_connections=RUSH + 10)
    async with httpx.AsyncClient(timeout=TIMEOUT, limits=limits) as client:
        start = time.monotonic()
        slots = asyncio.Semaphore(SPAWN_AT_ONCE)
        await asyncio.gather(*(_start_server(client, hub, s, slots) for s in students))
        durations["start 100 servers"] = time.monotonic() - start
        start = time.monotonic()
        await asyncio.gather(*(_fetch_and_answer(client, hub, s) for s in students))
        durations["fetch and answer"] = time.monotonic() - start
        start, first = time.monotonic(), time.time() + 1.0
        step = SUBMIT_WINDOW / (len(students) - 1)
        sent = await asyncio.gather(*(_submit(client, hub, s, first + i * step) for i, s in enumerate(students)))
        durations["submit"] = time.monotonic() - start
    return sent, durations


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: Playwright's sync API may hold this thread's event loop."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


@dataclass
class Rush:
    hub: Hub
    sent: list[Sent]
    collected: list[str]
    durations: dict[str, float]


@pytest.fixture(scope="module")
def rush(hub: Hub) -> Iterator[Rush]:
    students = list(hub.students[-RUSH:])
    start = time.monotonic()
    release(hub.course, SHEET)
    durations = {"release": time.monotonic() - start}
    sent, more = _run(_rush(hub, students))
    durations |= more
    start = time.monotonic()
    collected = collect(hub.course, SHEET)
    durations["collect"] = time.monotonic() - start
    print("\ndeadline rush: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in durations.items()))
    yield Rush(hub, sent, collected, durations)
    _run(_stop_servers(hub, students))  # leave the machine's memory to the tests that follow


async def _stop_servers(hub: Hub, students: list[str]) -> None:
    admin = {"Authorization": f"token {hub.token(hub.instructor)}"}
    async with httpx.AsyncClient(timeout=TIMEOUT, limits=httpx.Limits(max_connections=RUSH)) as client:
        await asyncio.gather(*(client.delete(f"{hub.url}/hub/api/users/{s}/server", headers=admin) for s in students))


def test_every_submission_is_collected(rush: Rush) -> None:
    course = rush.hub.course
    assert {s.student for s in rush.sent} <= set(rush.collected)
    inbound = course.exchange_root / course.course_id / "inbound"
    for sent in rush.sent:
        assert len(list(inbound.glob(f"{sent.student}+{SHEET}+*"))) == 1, sent.student
        notebook = nbformat.read(course.path("submitted", sent.student, SHEET) / f"{SHEET}.ipynb", as_version=4)
        assert _marker(sent.student) in notebook.cells[0].source, f"{sent.student} got someone else's notebook"


def test_timestamps_fall_within_the_minute_in_order_of_submission(rush: Rush) -> None:
    """Each collected timestamp lies between sending the student's request and its answer (one clock)."""
    stamps = {}
    for sent in rush.sent:
        text = (rush.hub.course.path("submitted", sent.student, SHEET) / "timestamp.txt").read_text()
        stamps[sent.student] = parse_utc(text).replace(tzinfo=UTC).timestamp()
        assert sent.sent <= stamps[sent.student] <= sent.answered, (sent, text)
    assert max(stamps.values()) - min(stamps.values()) < 60
    for earlier in rush.sent:
        for later in rush.sent:
            if earlier.answered < later.sent:
                assert stamps[earlier.student] < stamps[later.student], (earlier, later)
