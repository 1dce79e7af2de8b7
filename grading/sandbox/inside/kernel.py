"""What makes an IPython shell behave like the ipykernel nbgrader runs notebooks in.

A plain `InteractiveShell` prints `display()` to stdout, cannot enable the
inline matplotlib backend, and lets `input()` wait on a closed stdin. ipykernel
publishes displays as `display_data` outputs, makes `%matplotlib inline` a
backend switch, and, as nbclient runs it (no stdin channel), fails `input()`
and `getpass()` with StdinNotImplementedError. The notebook's folder is the
current directory and the first entry of `sys.path`, as in a kernel started
there. `!` lines run through `system_piped`, IPython's default, which writes to
the cell's captured stdout.
"""

from __future__ import annotations

import builtins
import functools
import getpass
import importlib
import os
import sys
from typing import Any

# ipykernel's own messages (kernelbase.py), raised when the frontend has no stdin
_NO_INPUT = "raw_input was called, but this frontend does not support input requests."
_NO_GETPASS = "getpass was called, but this frontend does not support input requests."
TRUNCATED = "\n[output truncated: output limit reached]\n"


class Outputs:
    """A cell's outputs in the order they were made: streams (consecutive writes to one stream joined, as
    nbclient does) and displays. Text counts against a byte budget shared by the notebook's cells; images are
    bounded by the judge's cap on a cell's report."""

    def __init__(self, budget: list[int]) -> None:
        self.budget = budget
        self.items: list[dict[str, Any]] = []

    def _spend(self, text: str) -> str:
        kept = text[: max(0, self.budget[0])]
        self.budget[0] -= len(kept)
        return kept + TRUNCATED if len(kept) < len(text) and self.budget[0] == 0 else kept

    def stream(self, name: str, text: str) -> None:
        if self.budget[0] <= 0 or not text:
            return
        kept = self._spend(text)
        last = self.items[-1] if self.items else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["parts"].append(kept)  # joined once, in `finished` (appending to a string copies it)
        else:
            self.items.append({"output_type": "stream", "name": name, "parts": [kept]})
        if kept.endswith(TRUNCATED):
            self.budget[0] = -1

    def display(self, data: dict[str, Any]) -> None:
        """A display_data output of its plain text and images (HTML and scripts would reach the pages TAs open)."""
        kept = {k: v for k, v in data.items() if isinstance(v, str) and (k == "text/plain" or k.startswith("image/"))}
        if self.budget[0] <= 0:
            return
        if "text/plain" in kept:
            kept["text/plain"] = self._spend(kept["text/plain"])
        self.items.append({"output_type": "display_data", "metadata": {}, "data": kept})

    def clear(self) -> None:
        self.items.clear()

    def finished(self) -> list[dict[str, Any]]:
        """The outputs as nbformat dicts."""
        return [{"output_type": "stream", "name": o["name"], "text": "".join(o["parts"])} if "parts" in o else o
                for o in self.items]


class StreamTo:
    """A text stream (sys.stdout or sys.stderr while a cell runs) writing into a cell's Outputs."""

    def __init__(self, outputs: Outputs, name: str) -> None:
        self.outputs, self.name = outputs, name

    def write(self, text: str) -> int:
        self.outputs.stream(self.name, str(text))
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False


@functools.cache
def shell_class() -> type:
    """An InteractiveShell subclass with ipykernel's display, GUI and stdin behaviour (made lazily: the worker
    imports IPython only while warming up)."""
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.error import StdinNotImplementedError
    from IPython.core.interactiveshell import InteractiveShell

    class CellDisplay(DisplayPublisher):
        outputs: Outputs | None = None

        def publish(self, data: dict, metadata: dict | None = None, source: Any = None, *, transient: Any = None,
                    update: bool = False, **kwargs: Any) -> None:
            if self.outputs is not None:
                self.outputs.display(dict(data))

        def clear_output(self, wait: bool = False) -> None:
            if self.outputs is not None:
                self.outputs.clear()

    def no_input(prompt: object = "") -> str:
        raise StdinNotImplementedError(_NO_INPUT)

    def no_getpass(prompt: str = "Password: ", stream: Any = None) -> str:
        raise StdinNotImplementedError(_NO_GETPASS)

    class KernelShell(InteractiveShell):
        def init_display_pub(self) -> None:
            self.display_pub = CellDisplay(shell=self, parent=self)
            self.configurables.append(self.display_pub)

        def enable_gui(self, gui: str | None = None) -> None:
            """`%matplotlib inline` is a backend switch; a GUI event loop cannot run in a sandbox."""
            if gui not in (None, "inline"):
                raise NotImplementedError(f"the {gui!r} GUI event loop cannot run here (no display)")

    builtins.input = no_input
    getpass.getpass = no_getpass
    return KernelShell


def enter_folder(folder: str) -> None:
    """Work in the notebook's folder, and import the modules shipped in it, as a kernel started there does."""
    os.chdir(folder)
    sys.path.insert(0, folder)
    importlib.invalidate_caches()


def safe_path(name: str) -> str:
    """A shipped file's path relative to the notebook's folder, refused if it would lead out of it."""
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts or ".." in parts or name.startswith("/"):
        raise ValueError(f"not a path inside the notebook's folder: {name!r}")
    return os.path.join(*parts)
