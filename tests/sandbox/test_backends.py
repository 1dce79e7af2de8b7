"""The protocol with a worker fails closed, the scratch space is bounded, and grading without isolation warns."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from grading.cli import main
from grading.errors import GradingError
from grading.sandbox import execute
from grading.sandbox.backends import NO_REPLY, BubblewrapBackend, SandboxBackend, UnsafeBackend, backend_class
from grading.sandbox.limits import MIB, Limits
from tests.conftest import in_gradebook

# A stand-in worker: replies to each request as its first cell's source says ("echo", "wrong id", "restart",
# "no cells"), with its process id, so a test sees which worker answered.
FAKE_WORKER = """
import json, os, sys
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    request = json.loads(line)
    mode = request["cells"][0]["source"]
    cells = [{"outputs": [], "reason": None} for _ in request["cells"]]
    reply = {"id": request["id"] + (mode == "wrong id"), "cells": [] if mode == "no cells" else cells,
             "pid": os.getpid(), "restart": mode == "restart"}
    print(json.dumps(reply), flush=True)
"""


class FakeBackend(SandboxBackend):
    name = "fake"

    def command(self) -> list[str]:
        return [sys.executable, "-c", FAKE_WORKER]


def _run(backend: SandboxBackend, mode: str, limits: Limits | None = None) -> dict:
    return backend.run([{"source": mode, "test": False}, {"source": "", "test": True}], {}, limits or Limits())


def test_reply_out_of_turn_fails_closed_and_the_next_notebook_gets_a_fresh_worker() -> None:
    backend = FakeBackend()
    first = _run(backend, "echo")
    assert _run(backend, "echo")["pid"] == first["pid"]  # warm: the same worker
    for bad in ("wrong id", "no cells"):
        reply = _run(backend, bad)
        assert backend.process is None
        assert [cell["outputs"] for cell in reply["cells"]] == [
            [{"output_type": "error", "ename": "SandboxError", "evalue": NO_REPLY, "traceback": []}]] * 2
        assert "pid" not in reply
    assert _run(backend, "echo")["pid"] != first["pid"]
    assert backend.requests == 5
    backend.stop()


def test_restart_is_honoured_after_the_reply() -> None:
    backend = FakeBackend()
    reply = _run(backend, "restart")
    assert reply["cells"] == [{"outputs": [], "reason": None}] * 2
    assert backend.process is None
    assert _run(backend, "echo")["pid"] != reply["pid"]
    backend.stop()


def test_worker_restarts_for_another_scratch_size() -> None:
    backend = FakeBackend()
    first = _run(backend, "echo", Limits(scratch_bytes=8 * MIB))
    assert _run(backend, "echo", Limits(scratch_bytes=8 * MIB))["pid"] == first["pid"]
    assert _run(backend, "echo", Limits(scratch_bytes=16 * MIB))["pid"] != first["pid"]
    assert backend.scratch_bytes == 16 * MIB
    backend.stop()


def test_bubblewrap_bounds_the_scratch_space_and_the_unsafe_worker_keeps_the_hosts_tmp() -> None:
    backend = BubblewrapBackend()
    backend.scratch_bytes = 8 * MIB
    args = backend.command()
    size = f"--size {8 * MIB} --tmpfs"
    assert f"--dev /dev {size} /dev/shm --remount-ro /dev {size} /tmp" in " ".join(args)
    mounts = [i for i, arg in enumerate(args) if arg in ("--bind", "--ro-bind", "--ro-bind-try", "--tmpfs", "--dev")]
    read_only = [i for i, arg in enumerate(args) if arg == "--remount-ro" and args[i + 1] == "/"]
    assert len(read_only) == 1 and read_only[0] > max(mounts)  # the root read-only after every mount
    assert args[-1] == "--wipe-tmp"
    assert "--wipe-tmp" not in UnsafeBackend().command()


def test_scratch_space_of_a_bubblewrap_worker_is_bounded() -> None:
    """End to end in the real worker: only 8 MiB to write, in /tmp, in /dev/shm, and nowhere else."""
    BubblewrapBackend.check_available()
    backend = BubblewrapBackend()
    fill = ("import os\nfor i in range(32):\n    with open(os.path.join({!r}, f'f{{i}}'), 'wb') as f:\n"
            "        f.write(b'x' * 2**20)")
    cells = [{"source": f"open({path!r}, 'w')", "test": False} for path in ("/grader.txt", "/dev/grader")]
    cells += [{"source": fill.format(folder), "test": False} for folder in ("/dev/shm", "/tmp")]
    reply = backend.run(cells, {}, Limits(scratch_bytes=8 * MIB))
    backend.stop()
    errors = [[f"{o['ename']}: {o['evalue']}" for o in cell["outputs"] if o["output_type"] == "error"]
              for cell in reply["cells"]]
    assert all(e[0].startswith("OSError: [Errno 30] Read-only file system") for e in errors[:2]), errors
    assert errors[2] == errors[3] == ["OSError: [Errno 28] No space left on device"], errors


@pytest.mark.parametrize("choice", [["--unsafe"], ["--backend", "unsafe"], []])
def test_grading_without_isolation_warns_however_chosen(course_dir: Path, choice: list[str], warning_unsaid,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    if not choice:  # the course's own setting, which `nbgrader autograde` uses as well
        with (course_dir / "nbgrader_config.py").open("a") as config:
            config.write('\nc.SandboxExecute.backend = "unsafe"\n')
    in_gradebook(course_dir, "sheet01")
    for _ in range(2):
        assert main(["--course-dir", str(course_dir), "autograde", "sheet01", *choice]) == 0
    assert capsys.readouterr().err.count("WARNING: grading WITHOUT a sandbox (backend 'unsafe')") == 1


def test_nbgrader_steps_warn_without_isolation(warning_unsaid, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(execute, "_workers", {})
    assert isinstance(execute.worker("unsafe"), UnsafeBackend)
    assert execute.worker("unsafe") is execute.worker("unsafe")
    assert capsys.readouterr().err.count("WARNING: grading WITHOUT a sandbox") == 1
    assert not isinstance(execute.worker("bubblewrap"), UnsafeBackend)
    assert "WARNING" not in capsys.readouterr().err


def _plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: str) -> None:
    """An installed package registering a sandbox backend (its dist-info on sys.path), as pip would leave it."""
    info = tmp_path / "fake_sandbox-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-sandbox\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[grading.sandbox_backends]\n{entry}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))


def test_a_package_adds_a_backend_by_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _plugin(tmp_path, monkeypatch, "fake = tests.sandbox.test_backends:FakeBackend")
    backend = backend_class("fake")
    assert backend is FakeBackend
    assert _run(backend(), "echo")["cells"] == [{"outputs": [], "reason": None}] * 2


@pytest.mark.parametrize(("entry", "message"), [
    ("fake = tests.sandbox.no_such_module:FakeBackend", r"'fake' \(tests\.sandbox\.no_such_module:FakeBackend, "
     r"entry point of grading\.sandbox_backends\) cannot be loaded: ModuleNotFoundError"),
    ("fake = tests.sandbox.test_backends:FAKE_WORKER", r"'fake' \(.*:FAKE_WORKER\) is not a SandboxBackend subclass"),
])
def test_a_broken_plugin_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: str, message: str) -> None:
    _plugin(tmp_path, monkeypatch, entry)
    with pytest.raises(GradingError, match=message):
        backend_class("fake")
    with pytest.raises(GradingError, match=r"unknown sandbox backend 'docker' \(known: bubblewrap, fake, unsafe\)"):
        backend_class("docker")
