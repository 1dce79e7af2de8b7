"""A warm worker without bubblewrap: the inside modules exactly as they run in the sandbox, driven directly."""

from __future__ import annotations

import base64
import json
import subprocess

from grading.sandbox.backends import ENVIRONMENT, INSIDE, worker_command

LIMITS = {"cell_timeout": 5, "notebook_timeout": 120, "memory_bytes": 2 * 2**30, "processes": 64,
          "output_bytes": 2**20, "scratch_bytes": 2**28}


class DirectWorker:
    def __init__(self, **limits: float) -> None:
        self.limits = {**LIMITS, **limits}
        self.process = subprocess.Popen(worker_command(str(INSIDE.parent)), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, env=ENVIRONMENT)
        assert json.loads(self.process.stdout.readline())["ready"]
        self.ids = 0

    def run(self, *cells: tuple, files: dict[str, bytes] | None = None, shipped: dict[str, bytes] | None = None,
            **limits: float) -> list[dict]:
        """Run cells (source, is_test[, is_locked]) with `files` in the notebook's folder and `shipped` as the
        instructor's copies; the per-cell results."""
        self.ids += 1
        requests = [{"source": c[0], "test": c[1], "locked": c[2:] == (True,)} for c in cells]
        request = {"id": self.ids, "cells": requests, "files": _encoded(files), "shipped": _encoded(shipped),
                   "limits": {**self.limits, **limits}}
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        self.process.stdin.flush()
        reply = json.loads(self.process.stdout.readline())
        assert reply["id"] == self.ids
        self.last = reply
        return reply["cells"]

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def _encoded(files: dict[str, bytes] | None) -> dict[str, str]:
    return {name: base64.b64encode(data).decode("ascii") for name, data in (files or {}).items()}


def errors(result: dict) -> list[str]:
    return [f"{o['ename']}: {o['evalue']}" for o in result["outputs"] if o["output_type"] == "error"]


def text(result: dict) -> str:
    return "".join(o.get("text", "") for o in result["outputs"] if o["output_type"] == "stream")
