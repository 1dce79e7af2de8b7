"""The steps of `grading hub` one by one, on folders of their own (no hub needed)."""

from __future__ import annotations

import grp
import os
import socket
import stat
from pathlib import Path

import pytest
from jupyterhub.spawner import LocalProcessSpawner
from traitlets.config import Config

from grading.errors import GradingError
from grading.hub.course_access import share_course
from grading.hub.exchange import prepare_exchange
from grading.hub.ports import PortPool
from grading.hub.users import ensure_user

GROUP = "nogroup"  # exists on Debian; stands in for the graders' group


def test_the_course_goes_to_the_group_and_closes_to_others(tmp_path: Path) -> None:
    root = tmp_path / "course"
    for path in ("source/sheet01/sheet01.ipynb", "gradebook.db", ".venv/bin/python", ".hub/settings.json"):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("x")
    os.chmod(root / ".venv" / "bin" / "python", 0o755)
    os.symlink("/etc/hostname", root / "source" / "link")
    venv = stat.S_IMODE(os.stat(root / ".venv").st_mode)
    share_course(root, GROUP, reachable=[root / ".venv" / "bin" / "python"], private=[root / ".hub"])
    gid = grp.getgrnam(GROUP).gr_gid

    def mode(path: str) -> int:
        return stat.S_IMODE(os.lstat(root / path).st_mode)

    assert (mode("."), os.stat(root).st_gid) == (0o2775, gid), "open for the environment inside it"
    assert (mode("source"), mode("source/sheet01"), mode("source/sheet01/sheet01.ipynb")) == (0o2770, 0o2770, 0o660)
    assert mode("gradebook.db") == 0o660 and os.stat(root / "gradebook.db").st_gid == gid
    assert os.lstat(root / "source" / "link").st_gid == gid and os.stat("/etc/hostname").st_gid == 0, "not followed"
    assert (mode(".venv"), mode(".venv/bin/python"), os.stat(root / ".venv").st_gid) == (venv, 0o755, 0)
    assert os.stat(root / ".hub" / "settings.json").st_gid == 0


def test_a_course_without_anything_for_students_is_closed_entirely(tmp_path: Path) -> None:
    share_course(tmp_path, GROUP, reachable=[Path("/usr/bin/python3")], private=[])
    assert stat.S_IMODE(os.stat(tmp_path).st_mode) == 0o2770


def test_the_exchange_must_be_reachable_for_students(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o700)
    with pytest.raises(GradingError, match=rf"{tmp_path}: students cannot reach the exchange .* \(it needs o\+x\)"):
        prepare_exchange(tmp_path / "exchange", "ml-physics", "nobody", GROUP)


def test_accounts_of_the_system_never_become_course_users() -> None:
    with pytest.raises(GradingError, match=r"daemon: is an account of the system \(uid 1\), not a course user"):
        ensure_user("daemon")


def test_servers_starting_together_get_distinct_free_ports() -> None:
    probes = [socket.socket() for _ in range(4)]
    for probe in probes:
        probe.bind(("127.0.0.1", 0))
    *band, taken = [probe.getsockname()[1] for probe in probes]
    for probe in probes[:3]:
        probe.close()
    with probes[3]:
        config = Config({"Spawner": {"pre_spawn_hook": PortPool([*band, taken])}})
        spawners = [LocalProcessSpawner(config=config) for _ in range(6)]  # each gets a copy of the config
        for spawner in spawners:
            spawner.run_pre_spawn_hook()
    ports = [spawner.port for spawner in spawners]
    assert sorted(ports[:3]) == sorted(band) and ports[3:] == ports[:3], "in turn, around the band, skipping the taken"
