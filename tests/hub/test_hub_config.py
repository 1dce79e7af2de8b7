"""hub/jupyterhub_config.py starts `grading serve` as a managed service of the grader account, unless [hub]
says serve = false."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from grading.hub.proxy import HUB_DIR
from grading.hub.settings import SETTINGS_ENV, HubSettings

SETTINGS = HubSettings(
    course_id="ml-physics", course_root="/srv/course", exchange="/srv/exchange", db_url="sqlite:////srv/gb.db",
    students=("ab123",), tas=("ta1",), instructor="prof", port=8000, hub_port=8001, proxy_api_port=8002,
    service_port=8003, state_dir="", proxy_command="configurable-http-proxy", memory_bytes=2**30, processes=256,
    cpus=1.0)


def _services(settings: HubSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, dict]:
    monkeypatch.setenv(SETTINGS_ENV, str(replace(settings, state_dir=str(tmp_path)).save()))
    config = PyFileConfigLoader("jupyterhub_config.py", path=str(HUB_DIR)).load_config()
    return {service["name"]: service for service in config.JupyterHub.services}


def test_the_hub_runs_grading_serve_as_the_grader_account(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serve = _services(SETTINGS, tmp_path, monkeypatch)["ml-physics-serve"]
    assert serve["command"] == [sys.executable, "-m", "grading.cli", "serve"]
    assert (serve["user"], serve["cwd"]) == ("grader-ml-physics", "/srv/course")
    assert serve["environment"]["GRADING_EXCHANGE"] == "/srv/exchange"
    assert serve["environment"]["GRADING_DB_URL"] == "sqlite:////srv/gb.db"


def test_serve_false_leaves_it_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    services = _services(replace(SETTINGS, serve=False), tmp_path, monkeypatch)
    assert "ml-physics-serve" not in services and "ml-physics" in services
