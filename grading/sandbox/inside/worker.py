"""The warm worker: imports the heavy libraries once, then judges one notebook per request.

It speaks JSON lines on its standard streams, which no process it starts
inherits: one request per line on stdin, one reply per line on stdout.

Request: {"id": n, "cells": [{"source": str, "test": bool, "locked": bool}],
          "files": {relative path: base64} (the notebook's folder, for the student process),
          "shipped": {relative path: base64} (the instructor's copy of the files beside it, for the judge),
          "limits": {"cell_timeout": s, "notebook_timeout": s, "memory_bytes": n, "processes": n,
                     "output_bytes": n, "scratch_bytes": n}}
Reply:   {"id": n, "cells": [{"outputs": [...], "execution_count": n, "reason": str|null}],
          "reason": str|null, "restart": bool}

Per notebook: the zygote forks a fresh student process, the worker forks a
judge (judge.py), and the judge reports each cell as it ends, so a notebook
stopped at a hard limit keeps the cells it finished. Afterwards every process
the notebook left is killed (the worker is their subreaper, so none escapes)
and the scratch space is emptied. `--wipe-tmp`: the worker owns /tmp and
/dev/shm (a sandbox's own), and empties them too.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import select
import shutil
import signal
import sys
import tempfile
import time
import traceback
from typing import Any

PRELOAD = ("numpy", "scipy", "scipy.stats", "sklearn", "sklearn.datasets", "sklearn.decomposition",
           "sklearn.linear_model", "torch", "matplotlib", "matplotlib.pyplot", "pandas", "doctest",
           "otter.test_files")
KILL_GRACE = 5.0
CLEAN_UP_ROUNDS = 300  # of 10 ms at most
PR_SET_DUMPABLE, PR_SET_CHILD_SUBREAPER = 4, 36
_real_stdout = sys.stdout


def _prctl(option: int, value: int) -> None:
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


def preload() -> None:
    """Import what the sheets use, once, before any student code runs."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in PRELOAD:
        with contextlib.suppress(Exception):
            __import__(name)
    from .cells import warm_up

    warm_up()


def _report(line: bytes, n_cells: int) -> dict | None:
    try:
        message = json.loads(line)
    except ValueError:
        return None
    if isinstance(message, dict) and isinstance(message.get("cell"), int) and 0 <= message["cell"] < n_cells:
        return message
    return None


def _not_run(reason: str) -> dict[str, Any]:
    from .judge import failed

    return failed(reason, evalue=f"not run: {reason}")


class Worker:
    def __init__(self, wipe_tmp: bool) -> None:
        from .zygote import Zygote

        self.wipe_tmp = wipe_tmp
        self.scratch = tempfile.mkdtemp(prefix="grading-scratch-")
        self.zygote = Zygote(self.scratch)

    def run_notebook(self, request: dict[str, Any]) -> dict[str, Any]:
        cells = request["cells"]
        limits = request["limits"]
        try:
            sock, student = self.zygote.spawn()
        except (OSError, ValueError) as exc:
            reason = f"the sandbox could not start the notebook's process ({exc})"
            return {"cells": [_not_run(reason) for _ in cells], "reason": reason, "restart": True}
        read_end, write_end = os.pipe()
        judge = os.fork()
        if judge == 0:
            os.close(read_end)
            self._become_judge(request, sock, student, write_end)
        sock.close()
        os.close(write_end)
        results, reason, killed = self._collect(read_end, len(cells), limits)
        os.close(read_end)
        status = None
        with contextlib.suppress(OSError, ValueError):
            status = self.zygote.status(student)
        self._clean_up(judge)
        if status is not None and os.WIFSIGNALED(status) and not killed and reason is None:
            reason = f"the notebook's process was killed (signal {os.WTERMSIG(status)})"
        for i, result in enumerate(results):
            if result is None:
                results[i] = _not_run(reason or "the judge ended early")
        return {"cells": results, "reason": reason, "restart": not self.zygote.alive()}

    def _become_judge(self, request: dict, sock: Any, student: int, report: int) -> None:
        from . import judge
        from .student import only_descriptors

        try:
            self.zygote.sock.close()
            only_descriptors([sock.fileno(), report])
            os.chdir("/")  # the judge writes no file
            judge.main(request, sock, student, report)
        except BaseException:
            with contextlib.suppress(Exception):
                os.write(report, (json.dumps({"fatal": traceback.format_exc(limit=3)}) + "\n").encode())
        finally:
            os._exit(0)

    def _collect(self, read_end: int, n_cells: int, limits: dict) -> tuple[list[dict | None], str | None, bool]:
        """The judge's reports, cell by cell, within the notebook's time and a generous time per cell; and whether
        the judge ended the student process itself."""
        results: list[dict | None] = [None] * n_cells
        killed = False
        started = cell_started = time.monotonic()
        buffer = b""
        reason = None
        while True:
            now = time.monotonic()
            cell_deadline = cell_started + limits["cell_timeout"] + 3 * KILL_GRACE
            notebook_deadline = started + limits["notebook_timeout"]
            ready, _, _ = select.select([read_end], [], [], max(0.0, min(cell_deadline, notebook_deadline) - now))
            if not ready:
                reason = (f"notebook timed out after {limits['notebook_timeout']:g} s" if now >= notebook_deadline
                          else f"cell timed out after {limits['cell_timeout']:g} s")
                return results, reason, killed
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                return results, reason, killed
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                message = _report(line, n_cells)
                if message is None:
                    with contextlib.suppress(ValueError, AttributeError):
                        other = json.loads(line)
                        killed = killed or other.get("killed_student") is True
                        if isinstance(other.get("fatal"), str):
                            reason = "the grader's judge failed: " + other["fatal"].strip().splitlines()[-1]
                    continue
                if results[message["cell"]] is None:
                    results[message["cell"]] = message
                    cell_started = time.monotonic()

    def _clean_up(self, judge: int) -> None:
        """Kill everything the notebook left (all descendants but the zygote), reap them, empty the scratch space."""
        # until none is left running: a process being forked while the others are killed shows up in a later round
        for _ in range(CLEAN_UP_ROUNDS):
            living = _descendants(os.getpid()) - {self.zygote.pid}
            for pid in living:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                while os.waitpid(-1, os.WNOHANG)[0]:
                    pass
            if not living:
                break
            time.sleep(0.01)
        shared = ["/tmp", "/dev/shm"] if self.wipe_tmp else []
        for folder, mode in [(f, 0o1777) for f in shared] + [(self.scratch, 0o700)]:
            with contextlib.suppress(OSError):
                os.chmod(folder, mode)  # a notebook may have locked them
        for folder in [self.scratch, *shared]:
            for entry in _entries(folder):
                path = os.path.join(folder, entry)
                if path == self.scratch and os.path.isdir(path) and not os.path.islink(path):
                    continue
                if os.path.isdir(path) and not os.path.islink(path):
                    _remove_tree(path)
                else:
                    with contextlib.suppress(OSError):
                        os.unlink(path)
        with contextlib.suppress(OSError):
            os.mkdir(self.scratch, 0o700)
        os.chmod(self.scratch, 0o700)


def _remove_tree(path: str) -> None:
    """rmtree, opening up on the way what a notebook closed (folders of mode 0)."""

    def open_up(function: Any, failed: str, _: Any) -> None:
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(failed), 0o700)
            os.chmod(failed, 0o700)
            function(failed)
            return
        with contextlib.suppress(OSError):
            shutil.rmtree(failed, ignore_errors=True)

    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)
    shutil.rmtree(path, onerror=open_up)


def _entries(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _descendants(root: int) -> set[int]:
    """Every living process whose chain of parents leads to `root` (the zygote's subtree included)."""
    parents: dict[int, int] = {}
    for entry in _entries("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    stat = handle.read()
                state, parent = stat[stat.rindex(b")") + 2:].split()[:2]
                if state not in (b"Z", b"X"):  # the dead wait for their parent to reap them
                    parents[int(entry)] = int(parent)
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = set(), {root}
    while frontier:
        children = {pid for pid, parent in parents.items() if parent in frontier and pid not in found}
        found |= children
        frontier = children
    return found


def main() -> None:
    _prctl(PR_SET_DUMPABLE, 0)  # no process of the notebook, same user or not, may read this one's memory
    _prctl(PR_SET_CHILD_SUBREAPER, 1)  # whatever a notebook forks stays below this process
    preload()
    worker = Worker(wipe_tmp="--wipe-tmp" in sys.argv[1:])
    sys.stdout = io.TextIOWrapper(io.BytesIO())  # stray prints must not corrupt the protocol
    _real_stdout.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    _real_stdout.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        reply = worker.run_notebook(request)
        _real_stdout.write(json.dumps({"id": request.get("id"), **reply}) + "\n")
        _real_stdout.flush()


if __name__ == "__main__":
    main()
