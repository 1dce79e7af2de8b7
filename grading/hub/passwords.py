"""Each person's own password for the hub's login (PAM, over their system account), and the list to hand out.

The list is a CSV in the hub's state folder, readable by root only (id, name, email, password),
for the instructor to mail. A person keeps their password from one `grading hub` to the next;
one who has none yet, or whose account was just created, gets a new one.
"""

from __future__ import annotations

import csv
import os
import secrets
import subprocess
from collections.abc import Iterable
from pathlib import Path

from grading.errors import GradingError

PASSWORDS_FILE = "passwords.csv"
COLUMNS = ("id", "name", "email", "password")


def new_password() -> str:
    return secrets.token_urlsafe(12)  # 16 characters, 96 bits: no guessing through the login page


def read_passwords(path: Path) -> dict[str, dict[str, str]]:
    """id -> row of the list, empty if there is none yet."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as file:
        return {row["id"]: row for row in csv.DictReader(file)}


def _write(path: Path, rows: Iterable[dict[str, str]]) -> None:
    """Replace the list at once, created root-only (it never exists readable by others, not even briefly)."""
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8",
                   newline="") as file:
        writer = csv.DictWriter(file, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(partial, path)


def _set_system_passwords(passwords: dict[str, str]) -> None:
    if not passwords:
        return
    lines = "".join(f"{user}:{password}\n" for user, password in passwords.items())
    result = subprocess.run(["chpasswd"], input=lines, capture_output=True, text=True)
    if result.returncode != 0:
        raise GradingError(f"chpasswd could not set the passwords of {', '.join(passwords)}: {result.stderr.strip()}")


def hand_out(path: Path, people: dict[str, tuple[str, str]], renew: Iterable[str] = ()) -> None:
    """Give everyone in `people` (id -> name, email) a password; new ones for those without and for `renew`."""
    known = read_passwords(path)
    renewed = {person: new_password() for person in people if person not in known or person in set(renew)}
    _set_system_passwords(renewed)
    _write(path, [{"id": person, "name": name, "email": email,
                   "password": renewed.get(person) or known[person]["password"]}
                  for person, (name, email) in people.items()])


def reset(path: Path, person: str) -> str:
    """A new password for someone on the list; returns it. Their open sessions stay logged in."""
    known = read_passwords(path)
    if person not in known:
        raise GradingError(f"{path}: {person!r} is not on the hub's list of people (run `grading hub` after "
                           "adding them to the roster or [hub])")
    password = new_password()
    _set_system_passwords({person: password})
    _write(path, [{**row, "password": password} if row["id"] == person else row for row in known.values()])
    return password
