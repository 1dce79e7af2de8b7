"""Ports for single-user servers: distinct for servers starting together, outside the kernel's ephemeral range.

JupyterHub's local spawner asks the kernel for a free port (bind to 0) and releases it before the
server binds it: two servers starting together may be handed the same port, and an outgoing
connection may take it meanwhile. The hub then routes one student's requests to another's server
(seen in the deadline-rush test). Here the hub hands out ports in turn from a band below Linux's
ephemeral range (32768 and up), skipping those in use.
"""

from __future__ import annotations

import itertools
import random
import socket
from collections.abc import Sequence

from jupyterhub.spawner import Spawner

BAND = range(20000, 32000)


class PortPool:
    """A Spawner.pre_spawn_hook that gives each starting server the next free port of the band."""

    def __init__(self, band: Sequence[int] = BAND) -> None:
        start = random.randrange(len(band))  # another hub on the machine starts elsewhere in the band
        self._ports = itertools.cycle([*band[start:], *band[:start]])
        self._size = len(band)

    def __deepcopy__(self, memo: dict) -> PortPool:
        """Itself: traitlets deep-copies config values into every spawner, and all must draw from one pool."""
        return self

    def __call__(self, spawner: Spawner) -> None:
        for port in itertools.islice(self._ports, self._size):
            if is_free(port):
                spawner.port = port
                return
        raise RuntimeError(f"no free port for the server of {spawner.user.name}")


def is_free(port: int) -> bool:
    """Whether nothing listens on this port of 127.0.0.1."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port() -> int:
    """A port of 127.0.0.1 that is free now (the kernel's choice)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
