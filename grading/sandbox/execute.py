"""nbgrader's Execute step, run in a sandbox: the only change to nbgrader's autograde pipeline.

Everything else (sanitising, restoring test cells from the gradebook, saving
grades, late penalties) stays nbgrader's own, so the gradebook rows are the
ones `nbgrader autograde` writes. What comes back from the sandbox is JSON,
checked field by field before it enters the notebook.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from grading.sandbox.backends import SandboxBackend
from grading.sandbox.limits import Limits

MAX_FILE_BYTES = 20 * 2**20
_TEXT_FIELDS = {"stream": ("name", "text"), "error": ("ename", "evalue")}


class Engine:
    """The sandbox and limits the preprocessor uses in this process (nbgrader builds preprocessors from classes)."""

    backend: SandboxBackend | None = None
    limits: Limits = Limits()
    reasons: tuple[str, ...] = ()


def _clean(output: Any) -> NotebookNode | None:
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
        data = {k: str(v) for k, v in output["data"].items() if k in ("image/png", "text/plain")}
        node = NotebookNode(output_type=kind, data=NotebookNode(data), metadata=NotebookNode())
        if kind == "execute_result":  # its text is nbgrader's partial credit for a test cell
            count = output.get("execution_count")
            node.execution_count = count if isinstance(count, int) else None
        return node
    return None


class SandboxExecute(NbGraderPreprocessor):
    """Run all code cells of the notebook in the sandbox and put the outputs in place."""

    def preprocess(self, nb: NotebookNode, resources: dict) -> tuple[NotebookNode, dict]:
        if Engine.backend is None:
            raise RuntimeError("no sandbox engine is set up in this process")
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        requests = [{"source": cell.source, "test": bool(utils.is_grade(cell))} for cell in code]
        reply = Engine.backend.run(requests, _files(resources), Engine.limits)
        for cell, result in zip(code, reply.get("cells", []), strict=False):
            outputs = [_clean(o) for o in result.get("outputs", [])] if isinstance(result, dict) else []
            cell.outputs = [o for o in outputs if o is not None]
            count = result.get("execution_count") if isinstance(result, dict) else None
            cell.execution_count = count if isinstance(count, int) else None
        reasons = [str(r.get("reason")) for r in reply.get("cells", []) if isinstance(r, dict) and r.get("reason")]
        Engine.reasons = tuple(dict.fromkeys(reasons + ([str(reply["reason"])] if reply.get("reason") else [])))
        return nb, resources


def _files(resources: dict) -> dict[str, str]:
    """The sheet's other files (data shipped with it) next to the notebook, for the sandbox's scratch folder."""
    folder = Path(resources.get("metadata", {}).get("path", ""))
    files = {}
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file() and path.suffix != ".ipynb" and path.stat().st_size <= MAX_FILE_BYTES:
                files[path.name] = base64.b64encode(path.read_bytes()).decode("ascii")
    return files
