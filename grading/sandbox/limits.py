"""Resource limits of one notebook run, configurable per course and per sheet in course.toml."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

MIB = 2**20
# course.toml key -> (field, unit)
TOML_KEYS: dict[str, tuple[str, int]] = {
    "cell_timeout": ("cell_timeout", 1),
    "notebook_timeout": ("notebook_timeout", 1),
    "memory_mb": ("memory_bytes", MIB),
    "processes": ("processes", 1),
    "output_kb": ("output_bytes", 1024),
    "scratch_mb": ("scratch_bytes", MIB),
}


@dataclass(frozen=True)
class Limits:
    cell_timeout: float = 30.0
    notebook_timeout: float = 600.0
    memory_bytes: int = 2048 * MIB
    processes: int = 64
    output_bytes: int = 1 * MIB
    scratch_bytes: int = 512 * MIB  # the worker's /tmp and /dev/shm, each (fixed when the worker starts)

    def updated(self, table: dict[str, float]) -> Limits:
        """These limits with the keys of a TOML table ([sandbox], or a sheet's `limits`) applied."""
        changes: dict[str, Any] = {}
        for key, value in table.items():
            name, unit = TOML_KEYS[key]
            changes[name] = type(getattr(self, name))(value * unit)
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
