"""Resource limits of one notebook run, in the sandbox's units (seconds, bytes); course.toml's keys for them
are the plan's (grading/plan.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

MIB = 2**20


@dataclass(frozen=True)
class Limits:
    cell_timeout: float = 30.0
    notebook_timeout: float = 600.0
    memory_bytes: int = 2048 * MIB
    processes: int = 64
    output_bytes: int = 1 * MIB
    scratch_bytes: int = 512 * MIB  # the worker's /tmp and /dev/shm, each (fixed when the worker starts)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
