"""One control group per single-user server: its memory, processes and CPU, as the kernel enforces them.

This machine mounts cgroup v1 (one hierarchy per controller under /sys/fs/cgroup, as Debian did
before systemd's unified layout), so a server's group is a folder in each of the memory, pids and
cpu hierarchies, below the hub's own group there (whose limits, if any, bound the hub and all servers
together). Only root can move a process between groups, so a server cannot leave its own.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

from grading.errors import GradingError

ROOT = Path("/sys/fs/cgroup")
CONTROLLERS = ("memory", "pids", "cpu")
CPU_PERIOD_US = 100_000  # the scheduler's accounting period; the quota is cores times this


def check_available() -> None:
    """The hierarchies a server's group needs are mounted (cgroup v1), else say what to use instead."""
    for controller in CONTROLLERS:
        if not (ROOT / controller / "cgroup.procs").exists():
            raise GradingError(f"{ROOT / controller}: no cgroup v1 hierarchy of the {controller} controller, which "
                               "limits each student's server; on a machine with systemd's unified cgroup v2 "
                               "use systemdspawner (README, 'Limits per server')")


def _own(controller: str) -> Path:
    """The folder of this process's group in a controller's hierarchy (/proc/self/cgroup)."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        if controller in controllers.split(","):
            return ROOT / controller / path.lstrip("/")
    raise GradingError(f"/proc/self/cgroup: this process is in no group of the {controller} controller")


class Cgroup:
    """A group of the same relative name in each controller's hierarchy, below this process's own group."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.folders = {controller: _own(controller) / name for controller in CONTROLLERS}

    def create(self, memory_bytes: int, processes: int, cpus: float) -> None:
        """A fresh, empty group with these limits (memory without swap; cpus as a quota of cores)."""
        self.remove()
        for folder in self.folders.values():
            folder.mkdir(parents=True, exist_ok=True)
        memory = self.folders["memory"]
        (memory / "memory.limit_in_bytes").write_text(str(memory_bytes))
        if (memory / "memory.memsw.limit_in_bytes").exists():  # swap accounting on: no swapping past the limit
            (memory / "memory.memsw.limit_in_bytes").write_text(str(memory_bytes))
        (self.folders["pids"] / "pids.max").write_text(str(processes))
        (self.folders["cpu"] / "cpu.cfs_period_us").write_text(str(CPU_PERIOD_US))
        (self.folders["cpu"] / "cpu.cfs_quota_us").write_text(str(round(cpus * CPU_PERIOD_US)))

    def join(self) -> None:
        """Move the calling process into the group (a server's first step, still as root, before exec)."""
        pid = str(os.getpid()).encode()
        for folder in self.folders.values():
            descriptor = os.open(folder / "cgroup.procs", os.O_WRONLY)
            try:
                os.write(descriptor, pid)
            finally:
                os.close(descriptor)

    def memory_kills(self) -> int:
        """How often the kernel killed one of the group's processes for exceeding the memory limit."""
        try:
            lines = (self.folders["memory"] / "memory.oom_control").read_text().splitlines()
        except FileNotFoundError:  # a server started by a hub without groups
            return 0
        return int(dict(line.split() for line in lines).get("oom_kill", 0))

    def processes(self) -> set[int]:
        """Every process in the group: all of them are in every hierarchy's group, memory's stands for all."""
        try:
            return {int(pid) for pid in (self.folders["memory"] / "cgroup.procs").read_text().split()}
        except FileNotFoundError:
            return set()

    def kill(self) -> bool:
        """SIGKILL to every process in the group; whether there were any (call again until none are left)."""
        pids = self.processes()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return bool(pids)

    def remove(self) -> None:
        """Remove the group's folders once it is empty (the kernel refuses while a process is in it)."""
        for folder in self.folders.values():
            if folder.is_dir():
                folder.rmdir()
