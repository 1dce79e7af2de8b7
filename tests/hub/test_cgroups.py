"""A server's control group as the kernel enforces it: memory, processes, and nothing left after a kill."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from grading.hub.cgroups import Cgroup

MIB = 2**20


@pytest.fixture
def cgroup() -> Iterator[Cgroup]:
    group = Cgroup(f"grading-test-{os.getpid()}")
    group.create(memory_bytes=256 * MIB, processes=40, cpus=0.5)
    yield group
    while group.kill():
        time.sleep(0.05)
    group.remove()
    assert not any(folder.exists() for folder in group.folders.values())


def run_in(cgroup: Cgroup, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], preexec_fn=cgroup.join, capture_output=True, text=True,
                          timeout=60, check=False)


def test_a_process_past_the_memory_limit_is_killed_and_counted(cgroup: Cgroup) -> None:
    assert run_in(cgroup, "print(len(bytearray(100 * 2**20)))").stdout.strip() == str(100 * MIB)
    assert cgroup.memory_kills() == 0
    result = run_in(cgroup, "b = bytearray(1024 * 2**20); print('allocated')")
    assert result.returncode == -9 and "allocated" not in result.stdout
    assert cgroup.memory_kills() == 1


def test_processes_beyond_the_limit_cannot_start(cgroup: Cgroup) -> None:
    code = ("import subprocess\nchildren = []\ntry:\n    for _ in range(100):\n"
            "        children.append(subprocess.Popen(['sleep', '30']))\nexcept BlockingIOError:\n"
            "    print('refused after', len(children))\nfor child in children:\n    child.kill()")
    assert run_in(cgroup, code).stdout.strip() == "refused after 39"  # the Python process is the 40th


def test_the_cpu_quota_is_cores_times_the_period(cgroup: Cgroup) -> None:
    cpu = cgroup.folders["cpu"]
    assert (cpu / "cpu.cfs_quota_us").read_text().strip() == "50000"
    assert (cpu / "cpu.cfs_period_us").read_text().strip() == "100000"


def test_kill_leaves_no_process_of_the_group(cgroup: Cgroup) -> None:
    daemon = ("import os, time\nif os.fork() == 0:\n    os.setsid()\n    for fd in (1, 2):\n"
              "        os.dup2(os.open(os.devnull, os.O_WRONLY), fd)\n    time.sleep(60)\n")
    run_in(cgroup, daemon)  # a daemonised process: not our child any more
    assert len(cgroup.processes()) == 1
    while cgroup.kill():
        time.sleep(0.05)
    assert cgroup.processes() == set()
