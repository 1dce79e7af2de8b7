"""Run time of every sheet's reference solution on one core (the sheets issue asks for at most 30 s).

    .venv/bin/python benchmarks/sheets.py

Each sheet runs in a fresh process pinned to one core with one BLAS/torch
thread, as a student's notebook would on a small JupyterHub slot; the time
includes importing the libraries the sheet uses.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
RUN_ONE = """
import sys, time
started = time.perf_counter()
import nbformat
from tests.sheets.harness import run
passed = run(nbformat.read(sys.argv[1], as_version=4))
print(time.perf_counter() - started, sum(passed.values()), len(passed))
"""


def main() -> None:
    table = Table(title="reference solutions on one core")
    for column in ("sheet", "seconds", "test cells passed"):
        table.add_column(column, justify="right")
    environment = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    for notebook in sorted(REPO.glob("source/*/*.ipynb")):
        command = ["taskset", "-c", "0", sys.executable, "-c", RUN_ONE, str(notebook)]
        result = subprocess.run(command, cwd=REPO, env=environment, capture_output=True, text=True, check=True)
        seconds, passed, total = result.stdout.split()[-3:]
        table.add_row(notebook.parent.name, f"{float(seconds):.1f}", f"{passed} of {total}")
    Console().print(table)


if __name__ == "__main__":
    main()
