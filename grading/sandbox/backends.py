"""How a warm worker is started: one small interface, swappable implementations (like JupyterHub's Spawner).

A backend only decides the command that starts `worker.py` and under which user;
the JSON-lines protocol, restarts and time-outs are shared. Add a Docker or
Kubernetes backend by subclassing SandboxBackend and naming it in BACKENDS.
"""

from __future__ import annotations

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
from grading.sandbox.limits import Limits

WORKER = Path(__file__).with_name("worker.py")
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


class SandboxUnavailable(GradingError):
    """The isolation this backend needs is missing on this machine."""


class SandboxBackend(ABC):
    """A long-lived worker that runs one notebook at a time, each in a fresh forked child."""

    name: ClassVar[str]
    isolated: ClassVar[bool] = True

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.lock = threading.Lock()

    @abstractmethod
    def command(self) -> list[str]:
        """argv that starts worker.py."""

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
        if ready is None or not ready.get("ready"):
            self.stop()
            raise SandboxUnavailable(f"the {self.name} sandbox did not start: {' '.join(self.command()[:3])} ...")

    def _read_line(self, timeout: float) -> dict | None:
        assert self.process is not None and self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.process.stdout.readline()
        return json.loads(line) if line else None

    def run(self, cells: list[dict], files: dict[str, str], limits: Limits) -> dict:
        """Execute cells ({"source", "test"}) in a fresh child; returns per-cell outputs and reasons."""
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self.start()
            assert self.process is not None and self.process.stdin is not None
            request = {"cells": cells, "files": files, "limits": limits.as_dict()}
            try:
                self.process.stdin.write((json.dumps(request) + "\n").encode())
                self.process.stdin.flush()
                reply = self._read_line(limits.notebook_timeout + limits.cell_timeout + 30)
            except (BrokenPipeError, OSError, ValueError):
                reply = None
            if reply is None:  # the worker itself died or hung: start afresh next time
                self.stop()
                reason = "the sandbox worker stopped unexpectedly"
                return {"reason": reason, "cells": [{"outputs": [{"output_type": "error", "ename": "SandboxError",
                                                                  "evalue": reason, "traceback": []}],
                                                     "reason": reason} for _ in cells]}
            return reply

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


class BubblewrapBackend(SandboxBackend):
    """bubblewrap: no network, read-only system and Python, a private /tmp, an unprivileged user, own PIDs."""

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
        args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
        for root in _python_roots():  # after /tmp, in case the environment lives below it
            args += ["--ro-bind", str(root), str(root)]
        args += ["--ro-bind", str(WORKER), "/sandbox/worker.py", "--chdir", "/tmp",
                 sys.executable, "-I", "/sandbox/worker.py"]
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
        return [sys.executable, "-I", str(WORKER)]


BACKENDS: dict[str, type[SandboxBackend]] = {backend.name: backend for backend in (BubblewrapBackend, UnsafeBackend)}


def _python_roots() -> list[Path]:
    """The folders the worker's Python needs: the environment and the installation it was made from."""
    roots = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    return sorted(r for r in roots if not str(r).startswith("/usr"))


def _world_readable(path: Path) -> bool:
    return all(os.stat(part).st_mode & 0o005 == 0o005 for part in [path, *path.parents] if part.exists())
