"""One grading run per sheet at a time: two TAs starting `grading autograde sheet01` together would otherwise
grade the same submissions twice and race on the gradebook.

The lock is a POSIX record lock on .grading/locks/SHEET.lock: the kernel releases it when its holder dies, even
by SIGKILL, so a crashed run never leaves a stale lock behind; unlike an flock it belongs to the grader's process
alone, not to the pool workers it forks, which may outlive it by a moment. The file names the holder, for the
message the second run prints.
"""

from __future__ import annotations

import errno
import fcntl
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from grading.errors import GradingError

LOCK_DIR = Path(".grading") / "locks"


@contextmanager
def exclusive(path: Path, what: str, wait: float = 0.0) -> Iterator[None]:
    """Hold the lock at `path` for the block; refuse (naming the holder) if another process holds it for more
    than `wait` seconds (at once by default)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o660)
    except OSError as exc:
        raise GradingError(f"{path}: cannot take the lock of {what}: {exc.strerror}") from None
    try:
        if not _take(fd, time.monotonic() + wait):
            holder = os.pread(fd, 512, 0).decode("utf-8", "replace").strip() or "another process"
            raise GradingError(f"{what} is already running ({holder}; lock {path}); wait for it to finish "
                               "and run it again: it grades what is left") from None
        stamp = f"pid {os.getpid()} on {socket.gethostname()}, since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC"
        with suppress(OSError):  # the name is for the message only; a full disk must not hide the real failure
            os.ftruncate(fd, 0)
            os.pwrite(fd, stamp.encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _take(fd: int, deadline: float) -> bool:
    """Take the lock, trying until the deadline; whether it was taken."""
    while True:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                raise
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)


def sheet_lock(root: Path, sheet: str) -> Path:
    return root / LOCK_DIR / f"{sheet}.lock"
