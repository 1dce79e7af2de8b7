"""How a warm worker is started: one small interface, swappable implementations (like JupyterHub's Spawner).

A backend only decides the command that starts the worker (`inside/worker.py`) and under which user;
the JSON-lines protocol, restarts and time-outs are shared. The contract: a subclass of SandboxBackend with a
`name`, `command()` (argv that starts the worker, its scratch space bounded to `self.scratch_bytes`), and
optionally `popen_options()`, `check_available()` (raise SandboxUnavailable with the reason) and
`isolated = False` (a warning is printed). Another package adds one (Docker, Kubernetes) as JupyterHub finds
spawners: an entry point in the group `grading.sandbox_backends`, `name = "package.module:Class"`, after which
`c.SandboxExecute.backend = "name"` chooses it.

Every request carries an id that the worker's reply echoes; a reply that is not
the answer to the request just sent is taken as no reply: the worker is stopped
and every cell of the notebook gets an error (it scores 0), never its own result.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import os
import pwd
import select
import shutil
import subprocess
import sys
import threading
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, ClassVar

from grading.errors import GradingError
from grading.progress import console
from grading.sandbox.limits import Limits

INSIDE = Path(__file__).with_name("inside")  # the worker's package: all of grading the sandbox sees


def worker_command(sandbox: str) -> list[str]:
    """argv that starts the worker with the `inside` package found in the folder `sandbox`."""
    return [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {sandbox!r}); "
            "from inside.worker import main; main()"]
SANDBOX_USER = "nobody"
START_TIMEOUT = 180.0
# only these reach the worker: no tokens, no database URLs, no paths of the course
ENVIRONMENT = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "HOME": "/tmp",
    "MPLBACKEND": "Agg",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONNOUSERSITE": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
NO_REPLY = "the sandbox worker gave no valid reply (it stopped, hung or answered out of turn)"


class SandboxUnavailable(GradingError):
    """The isolation this backend needs is missing on this machine."""


class SandboxBackend(ABC):
    """A long-lived worker that runs one notebook at a time, each in a fresh forked child."""

    name: ClassVar[str]
    isolated: ClassVar[bool] = True

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()
        self.scratch_bytes = Limits().scratch_bytes  # of the worker's /tmp and /dev/shm: fixed when it starts
        self.requests = 0  # the id of the last request sent

    @abstractmethod
    def command(self) -> list[str]:
        """argv that starts the worker (with scratch space of self.scratch_bytes, where the backend bounds it)."""

    def popen_options(self) -> dict[str, Any]:
        return {}

    @classmethod
    def check_available(cls) -> None:
        """Raise SandboxUnavailable with the reason if this backend cannot run here (default: it can)."""
        return None

    def start(self) -> None:
        self.process = subprocess.Popen(
            self.command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=ENVIRONMENT, **self.popen_options(),
        )
        ready = self._read_line(START_TIMEOUT)
        if not isinstance(ready, dict) or not ready.get("ready"):
            self.stop()
            raise SandboxUnavailable(f"the {self.name} sandbox did not start: {' '.join(self.command()[:3])} ...")

    def _read_line(self, timeout: float) -> Any:
        assert self.process is not None and self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.process.stdout.readline()
        return json.loads(line) if line else None

    def run(self, cells: list[dict], files: dict[str, str], limits: Limits,
            shipped: dict[str, str] | None = None) -> dict:
        """Execute cells ({"source", "test", "locked"}) in a fresh child, with `files` in its folder and `shipped`
        (the instructor's copies) for the tests; returns per-cell outputs and reasons.

        The reply has a dict with an `outputs` list for each cell, whatever the worker did."""
        with self.lock:
            if self.process is not None and limits.scratch_bytes != self.scratch_bytes:
                self.stop()  # the scratch space is mounted when the worker starts
            if self.process is None or self.process.poll() is not None:
                self.scratch_bytes = limits.scratch_bytes
                self.start()
            assert self.process is not None and self.process.stdin is not None
            self.requests += 1
            request = {"id": self.requests, "cells": cells, "files": files, "shipped": shipped or {},
                       "limits": limits.as_dict()}
            try:
                self.process.stdin.write((json.dumps(request) + "\n").encode())
                self.process.stdin.flush()
                reply = self._read_line(limits.notebook_timeout + limits.cell_timeout + 30)
            except (BrokenPipeError, OSError, ValueError):
                reply = None
            if not _answers(reply, self.requests, len(cells)):  # died, hung or out of turn: start afresh next time
                self.stop()
                return {"reason": NO_REPLY, "cells": [{"outputs": [{"output_type": "error", "ename": "SandboxError",
                                                                    "evalue": NO_REPLY, "traceback": []}],
                                                       "reason": NO_REPLY} for _ in cells]}
            if reply.get("restart") is True:  # the worker asks for a fresh one for the next notebook
                self.stop()
            return reply

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _answers(reply: Any, request_id: int, n_cells: int) -> bool:
    """Whether a reply answers the request with this id: it echoes the id and has a result ({"outputs": [...]})
    for each of its cells."""
    if not isinstance(reply, dict) or type(reply.get("id")) is not int or reply["id"] != request_id:
        return False
    cells = reply.get("cells")
    return (isinstance(cells, list) and len(cells) == n_cells
            and all(isinstance(cell, dict) and isinstance(cell.get("outputs"), list) for cell in cells))


class BubblewrapBackend(SandboxBackend):
    """bubblewrap: no network, read-only system and Python, a private bounded /tmp, an unprivileged user, own PIDs.

    The worker empties /tmp and /dev/shm between notebooks (--wipe-tmp): they are the sandbox's own."""

    name = "bubblewrap"

    @classmethod
    def check_available(cls) -> None:
        if shutil.which("bwrap") is None:
            raise SandboxUnavailable("bubblewrap is not installed (Debian package `bubblewrap`)")
        unreadable = [p for p in _python_roots() if not _world_readable(p)]
        if unreadable and os.geteuid() == 0:
            raise SandboxUnavailable(
                f"the sandbox user cannot read the Python installation {unreadable[0]}: create the environment "
                "from a Python under /usr or /opt (`make` uses /usr/bin/python3)")

    def command(self) -> list[str]:
        args = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                "--ro-bind", "/usr", "/usr"]
        for name in ("bin", "lib", "lib64", "sbin"):
            target = os.readlink(f"/{name}") if os.path.islink(f"/{name}") else None
            args += ["--symlink", target, f"/{name}"] if target else ["--ro-bind-try", f"/{name}", f"/{name}"]
        for path in ("/etc/ld.so.cache", "/etc/alternatives", "/etc/localtime"):
            args += ["--ro-bind-try", path, path]
        scratch = ["--size", str(self.scratch_bytes), "--tmpfs"]  # bounded, like all writable space below
        args += ["--proc", "/proc", "--dev", "/dev", *scratch, "/dev/shm", "--remount-ro", "/dev", *scratch, "/tmp"]
        for root in _python_roots():  # after /tmp, in case the environment lives below it
            args += ["--ro-bind", str(root), str(root)]
        # the root folder read-only last: nothing but /tmp and /dev/shm is left to write to
        args += ["--ro-bind", str(INSIDE), "/sandbox/inside", "--remount-ro", "/", "--chdir", "/tmp",
                 *worker_command("/sandbox"), "--wipe-tmp"]
        return args

    def popen_options(self) -> dict[str, Any]:
        if os.geteuid() != 0:
            return {}
        user = pwd.getpwnam(SANDBOX_USER)
        return {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}


class UnsafeBackend(SandboxBackend):
    """No isolation at all: the worker runs as the grader's own user. Only on explicit request."""

    name = "unsafe"
    isolated = False

    def command(self) -> list[str]:
        return worker_command(str(INSIDE.parent))


BACKENDS: dict[str, type[SandboxBackend]] = {backend.name: backend for backend in (BubblewrapBackend, UnsafeBackend)}


ENTRY_POINTS = "grading.sandbox_backends"


def _registered(name: str) -> type[SandboxBackend] | None:
    """The backend another package registers under this name, if any."""
    for entry in importlib.metadata.entry_points(group=ENTRY_POINTS, name=name):
        try:
            backend = entry.load()
        except Exception as exc:  # an installed plug-in that fails to import: say which
            raise GradingError(f"sandbox backend {name!r} ({entry.value}, entry point of {ENTRY_POINTS}) cannot be "
                               f"loaded: {type(exc).__name__}: {exc}") from exc
        if not (isinstance(backend, type) and issubclass(backend, SandboxBackend)):
            raise GradingError(f"sandbox backend {name!r} ({entry.value}) is not a SandboxBackend subclass")
        return backend
    return None


def backend_class(name: str) -> type[SandboxBackend]:
    """The backend of this name, built in or registered by a package; choosing one that does not isolate the
    worker prints a warning (once a process)."""
    backend = BACKENDS.get(name) or _registered(name)
    if backend is None:
        known = sorted({*BACKENDS, *(e.name for e in importlib.metadata.entry_points(group=ENTRY_POINTS))})
        raise GradingError(f"unknown sandbox backend {name!r} (known: {', '.join(known)})")
    if not backend.isolated:
        _warn_unisolated(name)
    return backend


@functools.cache
def _warn_unisolated(name: str) -> None:
    console.print(f"WARNING: grading WITHOUT a sandbox (backend {name!r}): student code runs as this user, with the "
                  "gradebook, the hidden tests and every other submission within reach.", style="bold red",
                  markup=False)


def _python_roots() -> list[Path]:
    """The folders the worker's Python needs: the environment and the installation it was made from."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    return sorted(r for r in roots if not str(r).startswith("/usr"))


def _world_readable(path: Path) -> bool:
    return all(os.stat(part).st_mode & 0o005 == 0o005 for part in [path, *path.parents] if part.exists())
