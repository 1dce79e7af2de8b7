"""JupyterHub's proxy, configurable-http-proxy, from npm into hub/.node: never a global install."""

from __future__ import annotations

import fcntl
import shutil
import subprocess
from pathlib import Path

from grading.errors import GradingError

HUB_DIR = Path(__file__).resolve().parents[2] / "hub"
NODE_PREFIX = HUB_DIR / ".node"
PROXY = "configurable-http-proxy"
# 5.x needs Node.js 20 (NodeSource's here); Debian 12's own Node.js 18 gets the last 4.x
CURRENT, FOR_OLD_NODE, NODE_MAJOR = "5.3.0", "4.6.3", 20


def proxy_command() -> Path:
    """The proxy's executable, installed on first use (one install at a time: tests may race)."""
    binary = NODE_PREFIX / "node_modules" / ".bin" / PROXY
    NODE_PREFIX.mkdir(parents=True, exist_ok=True)
    with open(NODE_PREFIX / ".install-lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not binary.exists():
            _install()
    return binary


def _install() -> None:
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        raise GradingError(f"npm not found: {PROXY} needs Node.js with npm (Debian: apt-get install nodejs npm)")
    major = int(subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip("v \n").split(".")[0])
    package = f"{PROXY}@{CURRENT if major >= NODE_MAJOR else FOR_OLD_NODE}"
    result = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(NODE_PREFIX), package],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise GradingError(f"npm could not install {package} into {NODE_PREFIX}: {result.stderr.strip()}")
