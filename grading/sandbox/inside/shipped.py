"""The instructor's files shipped with an assignment, for the judge: imported and read from memory.

Test cells may import a module shipped beside the notebook (`from helpers
import check`) or read a data file by relative path, as in a kernel started in
the notebook's folder. The student process has a copy of that folder, which it
can rewrite; the judge never reads it. It gets the instructor's copy (the
course's source folder) in its request and serves imports and read-only
`open()` of relative paths from that, so a test's helpers and reference data
are the instructor's whatever the student's code did to its own files.
"""

from __future__ import annotations

import builtins
import importlib.abc
import importlib.util
import io
import os
import sys
from typing import Any

from .kernel import safe_path

_WRITE_MODES = frozenset("wax+")


class ShippedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Modules and packages from shipped `.py` files, found before any other (a shipped module wins, as the
    notebook's folder comes first on a kernel's sys.path)."""

    def __init__(self, sources: dict[str, bytes]) -> None:
        self.sources: dict[str, tuple[str, bytes, bool]] = {}
        for path, data in sources.items():
            if path.endswith(".py"):
                parts = path[:-3].split(os.sep)
                package = parts[-1] == "__init__"
                name = ".".join(parts[:-1] if package else parts)
                if name and all(part.isidentifier() for part in name.split(".")):
                    self.sources[name] = (path, data, package)

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname not in self.sources:
            return None
        filename, _, package = self.sources[fullname]
        return importlib.util.spec_from_loader(fullname, self, origin=f"<shipped>/{filename}", is_package=package)

    def create_module(self, spec: Any) -> None:
        return None

    def exec_module(self, module: Any) -> None:
        filename, data, package = self.sources[module.__name__]
        if package:
            module.__path__ = []
        exec(compile(data, f"<shipped>/{filename}", "exec"), module.__dict__)


def install(files: dict[str, bytes]) -> None:
    """Serve imports of shipped modules and reads of shipped files, in this process (the judge's) only."""
    shipped = {safe_path(name): data for name, data in files.items()}
    sys.meta_path.insert(0, ShippedModules(shipped))
    real_open = builtins.open

    def shipped_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | os.PathLike) and not os.path.isabs(file) and not _WRITE_MODES & set(mode):
            data = shipped.get(os.path.normpath(os.fspath(file)))
            if data is not None:
                binary = io.BytesIO(data)
                if "b" in mode:
                    return binary
                encoding = kwargs.get("encoding", args[1] if len(args) > 1 else None) or "utf-8"
                errors = kwargs.get("errors", args[2] if len(args) > 2 else None)
                newline = kwargs.get("newline", args[3] if len(args) > 3 else None)
                return io.TextIOWrapper(binary, encoding=encoding, errors=errors, newline=newline)
        return real_open(file, mode, *args, **kwargs)

    builtins.open = io.open = shipped_open
    shell = sys.modules.get("IPython.core.interactiveshell")
    if shell is not None:  # the `open` IPython puts in a shell's namespace calls the io.open it imported
        shell.io_open = shipped_open
