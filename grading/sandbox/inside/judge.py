"""The judge: runs the test cells of one notebook in a process no student code has ever run in.

It is forked from the warm worker before the student process gets its first
cell, made non-dumpable, and keeps only its socket to the student process and
its report pipe to the worker. Student cells it forwards to the student process
and reports what comes back; test cells it runs itself, in a namespace whose
names are its own first, then the student's, copied on every read (names of
builtins are always its own). A test that rebinds or deletes a name it read
from the student (replacing a helper to check that it is used) does so in the
student's namespace; every other name a test binds stays in the judge. So
the verdict, every output of a test cell, is decided here from copies.
"""

from __future__ import annotations

import ast
import base64
import builtins
import contextlib
import json
import os
import signal
import socket
from typing import Any

from . import shipped
from .cells import CellRunner, CellTimeoutError, new_shell, size
from .peer import Peer, Remote, StudentGone
from .student import limit_address_space
from .values import LIBRARIES, copyable, library_name

JUDGE_OPS = frozenset({"call", "vjp"})
HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"  # nbgrader's markers
KILL_GRACE = 5.0
_BUILTINS = frozenset(vars(builtins))


class StudentNamespace(dict):
    """The test cells' globals: the judge's own names, then the student's, fetched by value on every read."""

    def __init__(self, peer: Peer, student_names: set[str] | None = None) -> None:
        super().__init__()
        self.peer = peer
        self.student_names = set() if student_names is None else student_names
        # what a student's name stands for when that is no copy (a library object, a proxy): kept for one cell
        self.cache: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        if name in self.cache:
            return self.cache[name]
        if not isinstance(name, str) or name in _BUILTINS or name.startswith("__"):
            raise KeyError(name)
        found, value = self.peer.lookup(name)
        if not found:
            raise KeyError(name)
        self.student_names.add(name)
        if type(value) is Remote or library_name(value) is not None:
            self.cache[name] = value
        return value

    def __setitem__(self, name: str, value: Any) -> None:
        if name in self.student_names and not dict.__contains__(self, name):
            self.cache.pop(name, None)
            self.peer.request("set", name=name, value=value)
        else:
            dict.__setitem__(self, name, value)

    def __delitem__(self, name: str) -> None:
        if dict.__contains__(self, name):
            dict.__delitem__(self, name)
            return
        self.cache.pop(name, None)
        self.student_names.add(name)
        try:
            self.peer.request("del", name=name)
        except KeyError:
            raise KeyError(name) from None

    def __contains__(self, name: object) -> bool:
        try:
            self[name]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def copy(self) -> StudentNamespace:
        """A copy that still reads the student's names (doctest, and so otter, copy the globals they get)."""
        twin = StudentNamespace(self.peer, self.student_names)
        dict.update(twin, dict.items(self))
        return twin


class Judge:
    def __init__(self, sock: socket.socket, student_pid: int, limits: dict[str, Any]) -> None:
        self.student_pid = student_pid
        self.limits = limits
        self.killed = False  # the judge ended the student process (after a time limit)
        self.peer = Peer(sock, serves=JUDGE_OPS, max_bytes=int(limits["memory_bytes"]) + 2**20, sends_modules=True,
                         passes_through=(CellTimeoutError,))
        self.namespace = StudentNamespace(self.peer)
        self.imports: dict[str, Any] = {}
        self.own_modules = set(LIBRARIES)  # top-level names a locked cell's import binds in the judge
        self.runner = CellRunner(new_shell(self.namespace), limits, judge=True)

    def start(self, files: dict[str, str]) -> str | None:
        """Set up the student process; the reason if it cannot be."""
        try:
            with _deadline(self.limits["cell_timeout"] + KILL_GRACE):
                self.peer.request("init", files=files, limits=self.limits)
        except (StudentGone, CellTimeoutError) as exc:
            self.kill_student()
            return f"the notebook's process could not be started: {exc}"
        except Exception as exc:
            self.kill_student()
            return f"the notebook's process could not be started: {type(exc).__name__}: {exc}"
        return None

    def student_cell(self, source: str, number: int) -> dict[str, Any]:
        """Run a student's cell in the student process; it keeps its own time limit, the judge a later one."""
        try:
            with _deadline(self.limits["cell_timeout"] + KILL_GRACE):
                result = self.peer.request("cell", source=source, number=number)
        except CellTimeoutError:
            self.kill_student()
            return failed(f"cell timed out after {self.limits['cell_timeout']:g} s", "CellTimeoutError")
        except StudentGone:
            return failed("the notebook's process ended early (exit, os._exit, a crash or a kill)")
        except Exception as exc:  # a malformed report: the student's cell counts as failed
            return failed(f"the notebook's process sent a malformed report ({type(exc).__name__})")
        if type(result) is not dict or type(result.get("outputs")) is not list:
            return failed("the notebook's process sent a malformed report")
        if len(json.dumps(result["outputs"])) > 4 * int(self.limits["output_bytes"]) + 2**20:
            return failed(f"output limit of {size(self.limits['output_bytes'])} exceeded", "OutputLimitError")
        return {"outputs": result["outputs"], "execution_count": number,
                "reason": result["reason"][:500] if type(result.get("reason")) is str else None}

    def ship(self, files: dict[str, str]) -> None:
        """The instructor's shipped files: test cells import and read these, never the student's copies."""
        shipped.install({name: base64.b64decode(data) for name, data in files.items()})
        self.own_modules |= {name.split("/")[0].removesuffix(".py") for name in files}

    def bind_imports(self, source: str) -> None:
        """The libraries and shipped modules an instructor's cell imports, bound in the judge: a test's `np` is
        numpy itself, whatever the student later binds to that name (a namespace of fakes, say)."""
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return
        for node in tree.body:
            if isinstance(node, ast.Import | ast.ImportFrom) and not getattr(node, "level", 0):
                modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if all(name.split(".")[0] in self.own_modules for name in modules):
                    with contextlib.suppress(Exception):
                        exec(compile(ast.Module([node], []), "<imports>", "exec"), self.imports)
        for name, value in self.imports.items():
            if name != "__builtins__":
                dict.__setitem__(self.namespace, name, value)

    def test_cell(self, source: str, number: int) -> dict[str, Any]:
        self.namespace.cache.clear()
        result = self.runner.run(source, number)
        if result["reason"] and self.peer.alive:  # the student's code may still run what the test asked of it
            self.interrupt_student()
        with contextlib.suppress(Exception), _deadline(KILL_GRACE):
            self.peer.request("release")
            for name in public_names(source):
                if dict.__contains__(self.namespace, name) and copyable(dict.__getitem__(self.namespace, name)):
                    self.peer.request("set", name=name, value=dict.__getitem__(self.namespace, name))
        return result

    def interrupt_student(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.student_pid, signal.SIGINT)
        try:
            with _deadline(KILL_GRACE):
                self.peer.request("ping")
        except BaseException:
            self.kill_student()

    def kill_student(self) -> None:
        self.killed = True
        self.peer.alive = False
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.student_pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(self.student_pid, signal.SIGKILL)


def public_names(source: str) -> list[str]:
    """Names the visible part of a test cell binds at its top level and its hidden tests never bind: later
    student cells may use them, as in one kernel, and the student could compute them from what it sees."""
    lines = source.splitlines()
    hidden, inside = [], False
    for line in lines:
        if HIDDEN_BEGIN in line:
            inside = True
        hidden.append(inside)
        if HIDDEN_END in line:
            inside = False
    try:
        public = ast.parse("\n".join(line for line, h in zip(lines, hidden, strict=True) if not h))
        secret = ast.parse("\n".join(line for line, h in zip(lines, hidden, strict=True) if h))
    except SyntaxError:
        return []
    return sorted(_bound(public) - _bound(secret) - {"_"})


def _bound(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
    return names


@contextlib.contextmanager
def _deadline(seconds: float) -> Any:
    signal.alarm(max(1, int(seconds)))
    try:
        yield
    finally:
        signal.alarm(0)


def failed(reason: str, ename: str = "SandboxError", evalue: str | None = None) -> dict[str, Any]:
    """A cell's result that is only an error (0 points), with the reason for the run's summary."""
    return {"outputs": [{"output_type": "error", "ename": ename, "evalue": reason if evalue is None else evalue,
                         "traceback": []}], "reason": reason}


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def main(request: dict[str, Any], sock: socket.socket, student_pid: int, report: int) -> None:
    """Judge one notebook: a report line per cell on `report`, in order, as each cell ends."""
    limits = request["limits"]
    # the judge decodes what the student sends: bounded like the student, plus room for one message
    limit_address_space(3 * int(limits["memory_bytes"]) + 2**30)
    judge = Judge(sock, student_pid, limits)
    judge.ship(request.get("shipped", {}))
    problem = judge.start(request.get("files", {}))
    for index, cell in enumerate(request["cells"]):
        number = index + 1
        if cell.get("test"):
            result = judge.test_cell(cell["source"], number)
        elif problem:
            result = failed(f"not run: {problem}")
        else:
            if cell.get("locked"):
                judge.bind_imports(cell["source"])
            result = judge.student_cell(cell["source"], number)
        _write_all(report, (json.dumps({"cell": index, **result}) + "\n").encode())
    _write_all(report, (json.dumps({"killed_student": judge.killed}) + "\n").encode())
