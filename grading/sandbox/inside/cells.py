"""Running one cell in an IPython shell, as a kernel would, with its outputs captured and its limits kept.

Used by the student process for the student's cells and by the judge for the
test cells; they differ only in how an error is described: the student sees
IPython's traceback of their own code, while a test cell's error names the
exception, its message and the line, never the test's source (hidden tests).
"""

from __future__ import annotations

import base64
import contextlib
import errno
import io
import signal
import sys
from collections.abc import Callable
from typing import Any

from .kernel import Outputs, StreamTo, shell_class


class CellTimeoutError(KeyboardInterrupt):
    """Raised inside a cell that runs longer than the cell time limit (not caught by `except Exception`)."""


def _alarm(signum: int, frame: Any) -> None:
    raise CellTimeoutError


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
        source = ""  # the running cell's: a trailing `;` silences it, as in a kernel (which keeps history)

        def quiet(self) -> bool:
            try:
                return self.semicolon_at_end_of_expression(self.source)
            except Exception:  # tokenize's errors on what only IPython's transformers make Python
                return False

        def write_output_prompt(self) -> None:
            return None

        def write_format_data(self, format_dict: dict, md_dict: dict | None = None) -> None:
            self.value = {"text/plain": str(format_dict.get("text/plain", ""))}

    return ValueHook


def new_shell(user_ns: dict | None = None) -> Any:
    """An IPython shell without history (nothing written to disk, no saving thread): the student process's is
    the singleton `get_ipython()` returns, the judge's one of its own around the test cells' namespace."""
    from traitlets.config import Config

    config = Config({"HistoryManager": {"enabled": False}})
    if user_ns is None:
        return shell_class().instance(config=config)
    return shell_class()(config=config, user_ns=user_ns)


def warm_up() -> None:
    """Make and drop a shell once, so that the imports IPython makes lazily are done before the worker forks."""
    new_shell()
    shell_class().clear_instance()


def size(n: float) -> str:
    return f"{n / 2**30:g} GiB" if n >= 2**30 else f"{n / 2**20:g} MiB"


def test_traceback(value: BaseException) -> list[str]:
    """A test cell's error without the test's source: the lines of the cell it passed through, the exception,
    and what the student's code printed as its own traceback (notes of a rebuilt exception)."""
    lines = []
    tb = value.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.startswith("<ipython-input-"):
            lines.append(f"line {tb.tb_lineno} of the test cell")
        tb = tb.tb_next
    message = str(value)
    lines.append(f"{type(value).__name__}: {message}" if message else type(value).__name__)
    lines += [str(note) for note in getattr(value, "__notes__", ())]
    return lines


class CellRunner:
    """One notebook's cells in one shell: shared output budget, time limit per cell, reasons for broken limits."""

    def __init__(self, shell: Any, limits: dict[str, Any], *, judge: bool) -> None:
        self.shell = shell
        self.limits = limits
        self.budget = [int(limits["output_bytes"])]
        self.judge = judge
        self.errors: list[dict] = []
        shell.displayhook.__class__ = _value_hook()
        shell.displayhook.value = None
        shell._showtraceback = self._record_error
        signal.signal(signal.SIGALRM, _alarm)

    def _record_error(self, etype: type, value: BaseException, stb: list[str]) -> None:
        traceback = test_traceback(value) if self.judge else stb
        self.errors.append({"output_type": "error", "ename": etype.__name__, "evalue": str(value),
                            "traceback": traceback})

    def run(self, source: str, number: int, before: Callable[[], None] | None = None) -> dict[str, Any]:
        """Run a cell; its outputs as nbformat dicts, and the limit it broke, if any."""
        from IPython.core.interactiveshell import InteractiveShell

        self.errors = []
        self.shell.displayhook.value = None
        self.shell.displayhook.source = source
        cell = Outputs(self.budget)
        self.shell.display_pub.outputs = cell
        reason = None
        if before is not None:
            before()
        signal.alarm(max(1, int(self.limits["cell_timeout"])))
        try:
            out, err = StreamTo(cell, "stdout"), StreamTo(cell, "stderr")
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                result = InteractiveShell.run_cell(self.shell, source, store_history=False)
            failure = result.error_before_exec or result.error_in_exec
            if failure is not None and not self.errors:  # IPython could not format it (e.g. no processes left)
                self.errors.append({"output_type": "error", "ename": type(failure).__name__,
                                    "evalue": str(failure), "traceback": []})
        except CellTimeoutError:  # raised between IPython's own handlers
            self.errors.append({"output_type": "error", "ename": "CellTimeoutError", "evalue": "", "traceback": []})
        finally:
            signal.alarm(0)
            self.shell.display_pub.outputs = None
        outputs = cell.finished()
        _figures(outputs)
        if self.shell.displayhook.value is not None:
            outputs.append({"output_type": "execute_result", "execution_count": number, "metadata": {},
                            "data": self.shell.displayhook.value})
        for error in self.errors:
            reason = self._reason(error) or reason
        outputs += self.errors
        return {"outputs": outputs, "execution_count": number, "reason": reason}

    def _reason(self, error: dict) -> str | None:
        if error["ename"] == "CellTimeoutError":
            error["evalue"] = f"cell timed out after {self.limits['cell_timeout']:g} s"
            return error["evalue"]
        if error["ename"] == "MemoryError":
            reason = f"memory limit of {size(self.limits['memory_bytes'])} exceeded"
            error["evalue"] = error["evalue"] or reason
            return reason
        if f"[Errno {errno.ENOSPC}]" in error["evalue"]:
            return f"scratch space limit of {size(self.limits.get('scratch_bytes', 0))} exceeded"
        return None
