"""JupyterHub's local spawner, each server in a control group of its own with the limits of [hub].

It honours JupyterHub's own `mem_limit` and `cpu_limit` (which LocalProcessSpawner ignores) and adds
`process_limit`. When the kernel kills a process of the group for its memory (usually the kernel of
the notebook that allocated), the next poll stops what is left of the server, so the student sees
it stopped and starts it again from the hub's home page; the others' servers never notice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Integer, Unicode

from grading.hub.cgroups import Cgroup

KILL_ROUNDS = 100  # SIGKILL rounds, 50 ms apart, until no process of a server is left (forks meanwhile)


class LimitedSpawner(LocalProcessSpawner):
    """A LocalProcessSpawner whose servers get `mem_limit`, `cpu_limit` and `process_limit` from cgroups."""

    process_limit = Integer(256, help="Most processes and threads a server may run, its kernels included.").tag(
        config=True)
    cgroup_prefix = Unicode("grading-hub:", help="The name of each server's group, before the user's name.").tag(
        config=True)

    @property
    def cgroup(self) -> Cgroup:
        """Directly below the hub's own group, not in a group of all servers: the scheduler weighs each server as
        one process, as before they had groups; in a common parent, all of them would weigh as one."""
        return Cgroup(f"{self.cgroup_prefix}{self.user.name}")

    async def start(self) -> tuple[str, int]:
        await self._kill_all()  # left over from a hub that died without stopping its servers
        self.cgroup.create(self.mem_limit, self.process_limit, self.cpu_limit)
        return await super().start()

    def make_preexec_fn(self, name: str) -> Callable[[], None]:
        become_user = super().make_preexec_fn(name)
        cgroup = self.cgroup

        def preexec() -> None:
            cgroup.join()  # as root still: the user could not
            become_user()

        return preexec

    async def poll(self) -> int | None:
        status = await super().poll()
        if status is None and self.cgroup.memory_kills():
            self.log.warning("%s's server exceeded its memory limit of %d MiB: stopping it", self.user.name,
                             self.mem_limit // 2**20)
            await self._kill_all()
            status = await super().poll()
        return status

    async def stop(self, now: bool = False) -> None:
        await super().stop(now)
        await self._kill_all()  # kernels and terminals the server left behind
        self.cgroup.remove()

    async def _kill_all(self) -> None:
        for _ in range(KILL_ROUNDS):
            if not self.cgroup.kill():
                return
            await asyncio.sleep(0.05)
        self.log.warning("processes of %s's server survived %d rounds of SIGKILL", self.user.name, KILL_ROUNDS)
