"""Limits per server on the real hub: one student's notebook allocating far past the memory limit gets
their server stopped, while another student's notebook keeps answering within a second; the first
starts their server again and goes on working.

The notebooks' code runs in kernels of the students' own servers, reached through the hub with the
students' own tokens over Jupyter's kernel protocol, as JupyterLab runs a cell.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import websocket

from tests.hub.conftest import Hub

HOG = "import numpy as np\nx = np.ones(4 * {memory} // 8)\nprint('survived')"  # 4 times the limit, touched
ANSWER_WITHIN = 1.0  # seconds for the other student's cell, while the first one allocates
STOP_WITHIN = 60.0  # seconds for the hub to notice (it polls every 10 s) and stop the whole server


@dataclass
class Kernel:
    """A kernel in a student's server, with its channels' websocket."""

    hub: Hub
    student: str
    socket: websocket.WebSocket

    def send(self, code: str) -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": "execute_request", "username": self.student,
                  "session": uuid.uuid4().hex, "version": "5.3", "date": ""}
        self.socket.send(json.dumps({"header": header, "parent_header": {}, "metadata": {}, "channel": "shell",
                                     "content": {"code": code, "silent": False, "store_history": False,
                                                 "user_expressions": {}, "allow_stdin": False}}))
        return msg_id

    def run(self, code: str, timeout: float = 120.0) -> str:
        """Execute code as a cell and return what it printed, once the kernel is idle again."""
        msg_id, printed = self.send(code), ""
        self.socket.settimeout(timeout)
        while True:
            message = json.loads(self.socket.recv())
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "stream":
                printed += message["content"]["text"]
            elif message["msg_type"] == "error":
                raise AssertionError(f"{self.student}'s cell failed: {message['content']['ename']}")
            elif message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                return printed


def _headers(hub: Hub, user: str) -> dict[str, str]:
    return {"Authorization": f"token {hub.token(user)}"}


def _server(hub: Hub, student: str) -> dict:
    """The student's server as the hub reports it to the student ({} when there is none)."""
    user = httpx.get(f"{hub.url}/hub/api/users/{student}", headers=_headers(hub, student), timeout=60).json()
    return user["servers"].get("", {})


def _start_server(hub: Hub, student: str) -> None:
    """Start the student's server as the student does (the hub's Start button, with their own token)."""
    response = httpx.post(f"{hub.url}/hub/api/users/{student}/server", headers=_headers(hub, student), timeout=180)
    assert response.status_code in (201, 202), response.text
    deadline = time.monotonic() + 180
    while not _server(hub, student).get("ready"):
        assert time.monotonic() < deadline, f"the server of {student} did not start"
        time.sleep(0.5)


def _kernel(hub: Hub, student: str) -> Kernel:
    url = f"{hub.url}/user/{student}/api/kernels"
    started = httpx.post(url, json={"name": "python3"}, headers=_headers(hub, student), timeout=120)
    assert started.status_code == 201, started.text
    channels = f"{url.replace('http', 'ws', 1)}/{started.json()['id']}/channels"
    socket = websocket.create_connection(channels, header=[f"Authorization: token {hub.token(student)}"], timeout=120)
    kernel = Kernel(hub, student, socket)
    assert kernel.run("print(6 * 7)").strip() == "42"
    return kernel


@pytest.fixture(scope="module")
def students(hub: Hub) -> Iterator[tuple[str, str]]:
    hog, bystander = hub.students[10:12]
    for student in (hog, bystander):
        _start_server(hub, student)
    yield hog, bystander
    for student in (hog, bystander):
        httpx.delete(f"{hub.url}/hub/api/users/{student}/server", headers=_headers(hub, hub.instructor), timeout=60)


def test_a_server_past_its_memory_is_stopped_and_the_others_keep_answering(hub: Hub,
                                                                           students: tuple[str, str]) -> None:
    hog, bystander = students
    hogging, other = _kernel(hub, hog), _kernel(hub, bystander)
    hogging.send(HOG.format(memory=hub.settings.memory_bytes))
    start, answers = time.monotonic(), []
    while _server(hub, hog):
        assert time.monotonic() - start < STOP_WITHIN, f"{hog}'s server still runs past its memory limit"
        sent = time.monotonic()
        assert other.run("print(sum(range(10**5)))", timeout=10).strip() == str(sum(range(10**5)))
        answers.append(time.monotonic() - sent)
        time.sleep(0.2)
    print(f"\n{hog}'s server stopped after {time.monotonic() - start:.1f} s; {bystander}'s {len(answers)} cells "
          f"meanwhile answered in at most {max(answers):.2f} s")
    assert answers and max(answers) < ANSWER_WITHIN, answers
    limit = hub.settings.memory_bytes // 2**20
    assert f"{hog}'s server exceeded its memory limit of {limit} MiB" in hub.log.read_text()
    assert _server(hub, bystander).get("ready") and other.run("print('still here')").strip() == "still here"

    _start_server(hub, hog)
    assert _kernel(hub, hog).run("import numpy as np\nprint(np.ones(10).sum())").strip() == "10.0"
