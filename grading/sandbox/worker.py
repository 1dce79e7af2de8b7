"""The warm worker: runs inside the sandbox, imports the heavy libraries once, forks a child per notebook.

Self-contained on purpose (standard library and IPython only): the sandbox sees
this one file, not the course or the grading package. It speaks JSON lines:
one request per line on stdin, one reply per line on stdout.

Request: {"cells": [{"source": str, "test": bool}], "files": {name: base64},
          "limits": {"cell_timeout": s, "notebook_timeout": s, "memory_bytes": n,
                     "processes": n, "output_bytes": n}}
Reply:   {"cells": [{"outputs": [...], "execution_count": n, "reason": str|null}], "reason": str|null}

Per cell, the child reports its outputs as soon as the cell ends, so a child
killed for a hard limit still leaves the cells it finished.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import resource
import secrets
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
           "otter.test_files", "IPython.core.interactiveshell")
# Modules whose attributes, and the methods of the classes they define, are put back before each test
# cell: the tests and otter's test runner rely on them, and a submission may have monkeypatched them.
GUARDED_MODULES = ("builtins", "numpy", "numpy.testing", "numpy.linalg", "math", "torch", "torch.testing",
                   "doctest", "contextlib", "io", "otter.test_files", "otter.test_files.abstract_test",
                   "otter.test_files.ok_test", "otter.utils")
KILL_GRACE = 5.0
_current_frames = sys._current_frames  # taken before any submission could replace it
_real_stdout = sys.stdout


class CellTimeoutError(Exception):
    """Raised inside a cell that runs longer than the cell time limit."""


def _alarm(signum: int, frame: Any) -> None:
    raise CellTimeoutError


def preload() -> None:
    """Import what the sheets use, once, before any student code runs."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in PRELOAD:
        with contextlib.suppress(Exception):
            __import__(name)


Snapshot = dict[Any, tuple[dict[str, Any], Any]]


def _snapshot(*instances: Any) -> Snapshot:
    """Attributes of the guarded modules, of the classes they define and of `instances` (the shell, its
    display hook), to undo a student's monkeypatching before each test cell."""
    owners: list[Any] = [sys.modules[name] for name in GUARDED_MODULES if name in sys.modules]
    for module in list(owners):
        owners += [value for value in vars(module).values()
                   if isinstance(value, type) and value.__module__ == module.__name__]
    owners += [type(instance) for instance in instances] + list(instances)
    return {id(owner): (dict(vars(owner)), owner) for owner in owners}


def _restore(snapshot: Snapshot) -> None:
    for attributes, owner in snapshot.values():
        namespace = vars(owner)
        for key in [k for k in namespace if k not in attributes]:
            with contextlib.suppress(Exception):
                delattr(owner, key)
        for key, value in attributes.items():
            if namespace.get(key, object()) is not value:
                with contextlib.suppress(Exception):
                    setattr(owner, key, value)


class _Capture(io.TextIOBase):
    """A text stream that collects what a cell prints, up to a byte budget."""

    def __init__(self, budget: list[int]) -> None:
        self.parts: list[str] = []
        self.budget = budget

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self.budget[0] > 0:
            kept = text[: self.budget[0]]
            self.parts.append(kept)
            self.budget[0] -= len(kept)
            if len(kept) < len(text):
                self.parts.append("\n[output truncated: output limit reached]\n")
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts)


def _figures(outputs: list[dict]) -> None:
    """Open matplotlib figures become PNG display outputs, as the inline backend would show them."""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:
        return
    for number in plt.get_fignums():
        buffer = io.BytesIO()
        with contextlib.suppress(Exception):
            plt.figure(number).savefig(buffer, format="png", dpi=72)
            outputs.append({"output_type": "display_data", "metadata": {},
                            "data": {"image/png": base64.b64encode(buffer.getvalue()).decode("ascii"),
                                     "text/plain": f"<Figure {number}>"}})
    plt.close("all")


def _value_hook() -> type:
    """IPython's display hook, keeping the value of a cell's last expression as its execute_result (nbgrader
    reads partial credit from it) instead of printing `Out[n]:`."""
    from IPython.core.displayhook import DisplayHook

    class ValueHook(DisplayHook):
        value: dict[str, str] | None = None

        def write_output_prompt(self) -> None:
            return None

        def write_format_data(self, format_dict: dict, md_dict: dict | None = None) -> None:
            self.value = {"text/plain": str(format_dict.get("text/plain", ""))}

    return ValueHook


def _run_child(request: dict, cells_in: int, report: int) -> None:
    """In the forked child: apply limits, then run each cell the parent sends and report it as it ends.

    The parent sends a cell only after the previous one has ended, so nothing a
    submission does can see or alter the test cells still to come."""
    limits = request["limits"]
    os.setpgid(0, 0)
    scratch = tempfile.mkdtemp(prefix="submission-")
    for name, data in request.get("files", {}).items():
        target = os.path.join(scratch, os.path.basename(name))
        with open(target, "wb") as handle:
            handle.write(base64.b64decode(data))
    os.chdir(scratch)
    os.environ.update(HOME=scratch, IPYTHONDIR=os.path.join(scratch, ".ipython"), MPLCONFIGDIR=scratch)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space()
    resource.setrlimit(resource.RLIMIT_AS, (used + limits["memory_bytes"], hard))
    resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"], limits["processes"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits["output_bytes"] * 4, limits["output_bytes"] * 4))
    signal.signal(signal.SIGALRM, _alarm)

    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.displayhook_class = _value_hook()
    shell = InteractiveShell.instance()
    run_cell = InteractiveShell.run_cell
    errors: list[dict] = []

    def record_error(etype: type, value: BaseException, stb: list[str]) -> None:
        errors.append({"output_type": "error", "ename": etype.__name__, "evalue": str(value), "traceback": stb})

    shell._showtraceback = record_error  # IPython's hook for every traceback it shows
    run_cell(shell, "pass", store_history=False)  # IPython sets its lazy attributes before the snapshot
    snapshot = _snapshot(shell, shell.displayhook)
    budget = [limits["output_bytes"]]
    incoming = os.fdopen(cells_in, "rb")
    for number in range(1, request["n_cells"] + 1):
        cell = json.loads(incoming.readline())
        # With threads of the submission running Python, the test cell is reported from a fork (which has
        # none of them), then run here once more, unreported, for what later cells may use from it.
        apart = cell["test"] and len(_current_frames()) > 1
        forked = os.fork() if apart else 0
        if forked:
            os.waitpid(forked, 0)
        runner = os.getpid()
        if cell["test"]:
            _restore(snapshot)
        errors.clear()
        shell.displayhook.value = None
        out, err = _Capture(budget), _Capture(budget)
        outputs: list[dict] = []
        reason = None
        signal.alarm(int(limits["cell_timeout"]))
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                result = run_cell(shell, cell["source"], store_history=False)
            failure = result.error_before_exec or result.error_in_exec
            if failure is not None and not errors:  # IPython could not format it (e.g. no processes left)
                errors.append({"output_type": "error", "ename": type(failure).__name__, "evalue": str(failure),
                               "traceback": []})
        except CellTimeoutError:  # raised between IPython's own handlers
            errors.append({"output_type": "error", "ename": "CellTimeoutError", "evalue": "", "traceback": []})
        finally:
            signal.alarm(0)
        for name, stream in (("stdout", out), ("stderr", err)):
            if stream.getvalue():
                outputs.append({"output_type": "stream", "name": name, "text": stream.getvalue()})
        _figures(outputs)
        if shell.displayhook.value is not None:
            outputs.append({"output_type": "execute_result", "execution_count": number, "metadata": {},
                            "data": shell.displayhook.value})
        for error in errors:
            if error["ename"] == "CellTimeoutError":
                reason = f"cell timed out after {limits['cell_timeout']:g} s"
                error["evalue"] = reason
            elif error["ename"] == "MemoryError":
                reason = f"memory limit of {_size(limits['memory_bytes'])} exceeded"
                error["evalue"] = error["evalue"] or reason
        outputs += errors
        if os.getpid() != runner:  # a process the student's code forked: it must not report or run on
            os._exit(0)
        if forked:
            continue
        _send(report, {"cell": number - 1, "nonce": cell["nonce"], "outputs": outputs, "execution_count": number,
                       "reason": reason})
        if apart:
            os._exit(0)
    shutil.rmtree(scratch, ignore_errors=True)


def _address_space() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * resource.getpagesize()


def _size(n: int) -> str:
    return f"{n / 2**30:g} GiB" if n >= 2**30 else f"{n / 2**20:g} MiB"


def _send(fd: int, message: dict) -> None:
    data = (json.dumps(message) + "\n").encode()
    with contextlib.suppress(OSError):
        os.write(fd, data)


def _kill_all_but_me() -> None:
    """Kill every process in the sandbox but this one: whatever a submission left behind (a fork bomb) dies."""
    me, parent = os.getpid(), os.getppid()
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in (me, parent, 1):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(int(entry), signal.SIGKILL)


def _report(line: bytes, n_cells: int) -> dict | None:
    """A well-formed report line of the child, or None (the child only writes whole, valid lines)."""
    try:
        message = json.loads(line)
    except ValueError:
        return None
    if not isinstance(message, dict):
        return None
    if "fatal" in message or (isinstance(message.get("cell"), int) and 0 <= message["cell"] < n_cells):
        return message
    return None


def run_notebook(request: dict) -> dict:
    """Fork a child for one notebook, collect its per-cell reports, enforce the hard limits."""
    limits = request["limits"]
    # each cell carries a fresh secret its report must echo: code run before a cell cannot report for it
    sources = [{**cell, "nonce": secrets.token_hex(16)} for cell in request.pop("cells")]
    request["n_cells"] = len(sources)
    cells: list[dict | None] = [None] * len(sources)
    read_end, write_end = os.pipe()
    cells_in, cells_out = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.close(cells_out)
        try:
            _run_child(request, cells_in, write_end)
        except BaseException:
            _send(write_end, {"fatal": traceback.format_exc(limit=3)})
        finally:
            os._exit(0)
    os.close(write_end)
    os.close(cells_in)
    if sources:
        _send(cells_out, sources[0])
    started = time.monotonic()
    cell_started = started
    buffer = b""
    reason = None
    done = False
    while not done:
        now = time.monotonic()
        cell_deadline = cell_started + limits["cell_timeout"] + KILL_GRACE
        notebook_deadline = started + limits["notebook_timeout"]
        wait = max(0.0, min(cell_deadline, notebook_deadline) - now)
        ready, _, _ = select.select([read_end], [], [], wait)
        if not ready:
            current = next((i for i, c in enumerate(cells) if c is None), len(cells))
            if now >= notebook_deadline:
                reason = f"notebook timed out after {limits['notebook_timeout']:g} s"
            else:
                reason = f"cell timed out after {limits['cell_timeout']:g} s"
            if current < len(cells):
                cells[current] = {"outputs": [{"output_type": "error", "ename": "CellTimeoutError",
                                               "evalue": reason, "traceback": []}], "reason": reason}
            break
        chunk = os.read(read_end, 1 << 16)
        if not chunk:
            done = True
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            message = _report(line, len(cells))
            if message is None:
                continue
            if "fatal" in message:
                reason = "the grader's worker failed: " + message["fatal"].strip().splitlines()[-1]
            else:
                if cells[message["cell"]] is not None or message.get("nonce") != sources[message["cell"]]["nonce"]:
                    continue  # only the first report of a cell with its secret counts
                cells[message["cell"]] = message
                cell_started = time.monotonic()
                following = message["cell"] + 1
                if following < len(sources) and cells[following] is None:
                    _send(cells_out, sources[following])
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(read_end)
    os.close(cells_out)
    _kill_all_but_me()
    if reason is None and any(c is None for c in cells):
        signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        reason = ("the notebook's process was killed" + (f" (signal {signal_number})" if signal_number else "")
                  if signal_number else "the notebook's process ended early (exit, os._exit or a crash)")
    for i, cell in enumerate(cells):
        if cell is None:
            cells[i] = {"outputs": [{"output_type": "error", "ename": "SandboxError",
                                     "evalue": f"not run: {reason}", "traceback": []}], "reason": reason}
    return {"cells": cells, "reason": reason}


def _not_dumpable() -> None:
    """Children run as the same user: without this, one could read or write this process's memory."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4


def main() -> None:
    _not_dumpable()
    preload()
    sys.stdout = io.TextIOWrapper(io.BytesIO())  # stray prints must not corrupt the protocol
    _real_stdout.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    _real_stdout.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        reply = run_notebook(json.loads(line))
        _real_stdout.write(json.dumps(reply) + "\n")
        _real_stdout.flush()


if __name__ == "__main__":
    main()
