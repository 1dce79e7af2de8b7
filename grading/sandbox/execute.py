"""nbgrader's Execute step, run in a sandbox: the only change to nbgrader's autograde pipeline.

Everything else (sanitising, restoring test cells from the gradebook, saving
grades, late penalties) stays nbgrader's own, so the gradebook rows are the
ones `nbgrader autograde` writes. What comes back from the sandbox is JSON,
checked field by field before it enters the notebook.

The course's nbgrader_config.py puts SandboxExecute in place of nbgrader's
Execute, so `nbgrader autograde`, the formgrader's Autograde button and
`grading autograde` all run submissions in the sandbox, with the limits of
course.toml. Each process keeps one warm worker per backend, started by the
first notebook it grades.
"""

from __future__ import annotations

import base64
import os
import re
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Unicode
from traitlets.config import Config

from grading.plan import PLAN_FILE, load_plan
from grading.sandbox.backends import SandboxBackend, backend_class
from grading.sandbox.limits import Limits

MAX_FILE_BYTES = 20 * 2**20
MAX_FOLDER_BYTES = 100 * 2**20
# images go into pages as data: URLs unescaped by nbconvert's templates, so only base64 passes; no HTML at all
_IMAGES = ("image/png", "image/jpeg")
_BASE64 = re.compile(r"[A-Za-z0-9+/=\n]*")
_TEXT_FIELDS = {"stream": ("name", "text"), "error": ("ename", "evalue")}
# notebook metadata of ours: {"sandbox_reasons": [...]}, the limits the notebook's run hit
METADATA = "grading"

_workers: dict[str, SandboxBackend] = {}
_workers_lock = threading.Lock()


def worker(backend: str) -> SandboxBackend:
    """This process's worker of a backend, kept for every notebook; it starts with the first one (in seconds:
    it imports torch). Raises SandboxUnavailable if the backend cannot run here."""
    with _workers_lock:
        if backend not in _workers:
            chosen = backend_class(backend)
            chosen.check_available()
            _workers[backend] = chosen()
        return _workers[backend]


def _forget_workers() -> None:
    """In a forked child: the parent's workers stay the parent's (a worker serves one process)."""
    global _workers_lock
    _workers.clear()
    _workers_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_workers)


def sheet_limits(root: Path, sheet: str, config: Config) -> Limits:
    """A sheet's limits: course.toml's [sandbox] and the sheet's `limits`; in a course without course.toml, the
    defaults with nbgrader's own cell time limit (Execute.timeout), as `nbgrader autograde` there would use."""
    path = root / PLAN_FILE
    if path.is_file():
        return load_plan(path).limits(sheet)
    timeout = Execute(config=config).timeout
    return replace(Limits(), cell_timeout=float(timeout)) if timeout else Limits()


def recorded_reasons(notebook: Path) -> list[str]:
    """The limits an autograded notebook's run hit, as SandboxExecute recorded them in it."""
    recorded = nbformat.read(notebook, as_version=4).metadata.get(METADATA, {})
    reasons = recorded.get("sandbox_reasons", []) if isinstance(recorded, dict) else []
    return [str(reason) for reason in reasons] if isinstance(reasons, list) else []


def clean_output(output: Any) -> NotebookNode | None:
    """An output from the sandbox, reduced to the fields and types nbformat allows, or None."""
    if not isinstance(output, dict):
        return None
    kind = output.get("output_type")
    if kind in _TEXT_FIELDS:
        fields = {f: str(output.get(f, "")) for f in _TEXT_FIELDS[kind]}
        if kind == "error":
            traceback = output.get("traceback", [])
            fields["traceback"] = [str(line) for line in traceback] if isinstance(traceback, list) else []
        return NotebookNode(output_type=kind, **fields)
    if kind in ("display_data", "execute_result") and isinstance(output.get("data"), dict):
        data = {k: str(v) for k, v in output["data"].items()
                if k == "text/plain" or (k in _IMAGES and _BASE64.fullmatch(str(v)))}
        node = NotebookNode(output_type=kind, data=NotebookNode(data), metadata=NotebookNode())
        if kind == "execute_result":  # its text is nbgrader's partial credit for a test cell
            count = output.get("execution_count")
            node.execution_count = count if isinstance(count, int) else None
        return node
    return None


class SandboxExecute(NbGraderPreprocessor):
    """Run all code cells of the notebook in the sandbox and put the outputs in place."""

    backend = Unicode(
        "bubblewrap",
        help="The sandbox backend that runs the submissions: 'bubblewrap', or 'unsafe' (no isolation at all; it "
        "prints a warning). Their limits are [sandbox] and the sheet's `limits` in the course's course.toml.",
    ).tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        limits = sheet_limits(Path(CourseDirectory(config=self.config).root), resources["nbgrader"]["assignment"],
                              self.config)
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        # locked: the instructor's cells, restored from the gradebook (the judge takes their imports as its own)
        requests = [{"source": cell.source, "test": bool(utils.is_grade(cell)), "locked": bool(utils.is_locked(cell))}
                    for cell in code]
        coursedir = CourseDirectory(config=self.config)
        folder = Path(resources.get("metadata", {}).get("path", ""))
        source = Path(coursedir.format_path(coursedir.source_directory, ".", resources["nbgrader"]["assignment"]))
        files, left_out = folder_files(folder)
        shipped, _ = folder_files(source)  # the same files as far as the student's copy has them
        reply = worker(self.backend).run(requests, files, limits, shipped=shipped)
        for cell, result in zip(code, reply["cells"], strict=True):
            cell.outputs = [o for o in map(clean_output, result["outputs"]) if o is not None]
            count = result.get("execution_count")
            cell.execution_count = count if isinstance(count, int) else None
        reasons = [str(r["reason"]) for r in reply["cells"] if r.get("reason")]
        reasons = list(dict.fromkeys(left_out + reasons + ([str(reply["reason"])] if reply.get("reason") else [])))
        # replaces whatever the submission had under our key; read back by grading.autograde
        nb.metadata[METADATA] = NotebookNode(sandbox_reasons=reasons)
        resources[METADATA] = {"sandbox_reasons": reasons}
        return nb, resources


def folder_files(folder: Path) -> tuple[dict[str, str], list[str]]:
    """The files beside a notebook (data and modules shipped with the sheet, in subfolders too), by path relative
    to the folder, notebooks, checkpoints and caches left out; and a reason for each file left out as too large."""
    files: dict[str, str] = {}
    left_out: list[str] = []
    total = 0
    if not folder.is_dir():
        return files, left_out
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if (not path.is_file() or path.is_symlink() or path.suffix == ".ipynb"
                or any(part.startswith(".") or part == "__pycache__" for part in relative.parts)):
            continue
        size = path.stat().st_size
        if size > MAX_FILE_BYTES or total + size > MAX_FOLDER_BYTES:
            left_out.append(f"{relative} left out of the sandbox: {size} bytes (at most {MAX_FILE_BYTES} a file, "
                            f"{MAX_FOLDER_BYTES} in all)")
            continue
        total += size
        files[relative.as_posix()] = base64.b64encode(path.read_bytes()).decode("ascii")
    return files, left_out
