"""System users and groups for the hub: JupyterHub's local spawner runs each server as its user.

Idempotent, so `grading hub` can run again after the roster grows. Homes are private (0700):
nbgrader keeps a copy of every submission in the student's home (its submit cache).
"""

from __future__ import annotations

import grp
import os
import pwd
import subprocess
from collections.abc import Sequence
from pathlib import Path

from grading.errors import GradingError

HOME_MODE = 0o700
FIRST_UID = 1000  # below: accounts of the system (root, daemon, postgres, ...), never a course's user


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise GradingError(f"{' '.join(command)} failed: {result.stderr.strip() or result.stdout.strip()}")


def ensure_group(name: str) -> None:
    try:
        grp.getgrnam(name)
    except KeyError:
        _run(["groupadd", name])


def ensure_user(name: str, primary_group: str | None = None, groups: Sequence[str] = (), comment: str = "") -> bool:
    """The user exists, with a private home, and belongs to the given groups (others are kept); whether it is new."""
    created = False
    try:
        existing = pwd.getpwnam(name)
    except KeyError:
        command = ["useradd", "--create-home", "--shell", "/bin/bash", "--comment", comment]
        command += ["--gid", primary_group] if primary_group else []
        _run([*command, *(["--groups", ",".join(groups)] if groups else []), name])
        created = True
    else:
        if existing.pw_uid < FIRST_UID:
            raise GradingError(f"{name}: is an account of the system (uid {existing.pw_uid}), not a course user")
        missing = [group for group in groups if name not in grp.getgrnam(group).gr_mem]
        if missing:
            _run(["usermod", "--append", "--groups", ",".join(missing), name])
    home = Path(pwd.getpwnam(name).pw_dir)
    if home.is_dir():
        os.chmod(home, HOME_MODE)
    return created
