"""What `grading hub` decided, handed to hub/jupyterhub_config.py as one JSON file."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from grading.hub.passwords import PASSWORDS_FILE

SETTINGS_ENV = "GRADING_HUB_SETTINGS"  # the hub's config file finds the settings through this variable
SETTINGS_FILE = "settings.json"


@dataclass(frozen=True)
class HubSettings:
    """One course's hub: who, where, and the limits of each server."""

    course_id: str
    course_root: str
    exchange: str
    db_url: str
    students: tuple[str, ...]
    tas: tuple[str, ...]
    instructor: str
    port: int  # public, on 127.0.0.1
    hub_port: int  # the hub's own API, behind the proxy
    proxy_api_port: int
    service_port: int  # the course's formgrader service
    state_dir: str  # the hub's database, cookie secret and this file: root only
    proxy_command: str
    memory_bytes: int  # each single-user server's limits ([hub] of course.toml)
    processes: int
    cpus: float
    serve: bool = True  # `grading serve` runs as the managed service `<course_id>-serve`, as the grader account

    @property
    def grader(self) -> str:
        """The system account the formgrader service runs as: it owns the course's exchange folders."""
        return f"grader-{self.course_id}"

    @property
    def graders_group(self) -> str:
        """System group of the grader account and the staff; submissions belong to it. Named as the hub group."""
        return f"formgrade-{self.course_id}"

    @property
    def staff(self) -> tuple[str, ...]:
        return (self.instructor, *self.tas)

    @property
    def passwords(self) -> Path:
        """The list of everyone's password, for the instructor to hand out: root only."""
        return Path(self.state_dir) / PASSWORDS_FILE

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def save(self) -> Path:
        """Write the settings into the state folder, readable by root only."""
        path = Path(self.state_dir) / SETTINGS_FILE
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(asdict(self), file, indent=2)
        return path

    @classmethod
    def load(cls, path: Path) -> HubSettings:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{**data, "students": tuple(data["students"]), "tas": tuple(data["tas"])})
