"""Each person's own password, checked by PAM as the hub's login checks it, and the root-only list of them."""

from __future__ import annotations

import csv
import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pamela
import pytest

from grading.errors import GradingError
from grading.hub.passwords import hand_out, read_passwords, reset
from grading.hub.users import ensure_user


def logs_in(user: str, password: str) -> bool:
    """What JupyterHub's PAMAuthenticator asks (service `login`), failed logins delayed as PAM delays them."""
    try:
        pamela.authenticate(user, password, service="login")
    except pamela.PAMError:
        return False
    return True


@pytest.fixture
def people() -> Iterator[dict[str, tuple[str, str]]]:
    names = [f"pw{os.getpid()}-{who}" for who in ("anna", "ben")]
    for name in names:
        ensure_user(name)
    yield {names[0]: ("Anna Müller", "anna@example.edu"), names[1]: ("Ben Ørsted", "ben@example.edu")}
    for name in names:
        subprocess.run(["userdel", "--force", "--remove", name], capture_output=True, check=False)


def test_everyone_gets_their_own_password_in_a_root_only_list(tmp_path: Path, people: dict) -> None:
    path = tmp_path / "passwords.csv"
    hand_out(path, people)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(row["id"], row["name"], row["email"]) for row in rows] == [(i, *person) for i, person in people.items()]
    anna, ben = (row["password"] for row in rows)
    assert anna != ben and len(anna) >= 16
    (first, second) = people
    assert logs_in(first, anna) and logs_in(second, ben)
    assert not logs_in(second, anna), "one person's password opens another's account"


def test_passwords_are_kept_from_run_to_run_unless_renewed(tmp_path: Path, people: dict) -> None:
    path = tmp_path / "passwords.csv"
    first = next(iter(people))
    hand_out(path, {first: people[first]})
    before = read_passwords(path)[first]["password"]
    hand_out(path, people)
    assert read_passwords(path)[first]["password"] == before and logs_in(first, before)
    hand_out(path, people, renew=[first])  # e.g. the account was just created again
    assert read_passwords(path)[first]["password"] != before and not logs_in(first, before)


def test_a_reset_password_replaces_the_old_one(tmp_path: Path, people: dict) -> None:
    path = tmp_path / "passwords.csv"
    hand_out(path, people)
    (first, second) = people
    old, unchanged = (read_passwords(path)[person]["password"] for person in people)
    new = reset(path, first)
    assert read_passwords(path)[first]["password"] == new != old
    assert logs_in(first, new) and not logs_in(first, old)
    assert read_passwords(path)[second]["password"] == unchanged and logs_in(second, unchanged)


def test_reset_names_the_list_when_the_person_is_not_on_it(tmp_path: Path, people: dict) -> None:
    path = tmp_path / "passwords.csv"
    hand_out(path, people)
    with pytest.raises(GradingError, match=rf"{path}: 'nobody-here' is not on the hub's list of people"):
        reset(path, "nobody-here")
