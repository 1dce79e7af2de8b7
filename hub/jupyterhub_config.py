"""JupyterHub for one course, started by `grading hub` (which writes the settings this file reads).

nbgrader's setup for several courses with a shared grader account:

- students (the roster) form the hub group `nbgrader-<course_id>`, TAs and the instructor
  `formgrade-<course_id>`; nbgrader's JupyterHubAuthPlugin reads these groups to decide who may
  fetch and submit, so each single-user server's token may read its own user's groups;
- the formgrader runs once per course as the managed service `<course_id>`: a single-user
  server of the system account `grader-<course_id>` in the course folder, which only members
  of `formgrade-<course_id>` may open;
- each server gets the nbgrader panels of its role through JUPYTER_CONFIG_PATH
  (hub/jupyter/<role>): assignment list and validate for students; course list for staff,
  linking to the formgrader service, which alone has formgrader and create-assignment;
- each server runs in a control group of its own, with the memory, processes and CPU of [hub];
- idle servers are stopped by jupyterhub-idle-culler after an hour;
- `grading serve` runs as the managed service `<course_id>-serve` (as the grader account, in the course
  folder) unless [hub] says serve = false: students fetch their score seconds after submitting.

Everyone logs in with their own system account's password (PAM; `grading hub` sets them and lists
them for the instructor): an identity provider replaces it by `authenticator_class` alone (README, "JupyterHub").
"""

import os
import sys
from pathlib import Path

from grading.hub.ports import PortPool
from grading.hub.settings import SETTINGS_ENV, HubSettings

c = get_config()  # noqa: F821 (injected by traitlets)

settings = HubSettings.load(Path(os.environ[SETTINGS_ENV]))
course = settings.course_id
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
STATE = Path(settings.state_dir)
SINGLEUSER = [sys.executable, "-m", "grading.hub.singleuser"]  # jupyterhub-singleuser, a second faster
PATH = os.pathsep.join([str(BIN), "/usr/local/bin", "/usr/bin", "/bin"])
IDLE_TIMEOUT = 3600  # seconds without activity before a server is stopped


def config_path(*roles: str) -> str:
    """JUPYTER_CONFIG_PATH for a role: its folder first (it wins), then the shared nbgrader settings."""
    return os.pathsep.join(str(HERE / "jupyter" / role) for role in roles)


# where the hub listens and keeps its state
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = settings.port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings.hub_port
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.ConfigurableHTTPProxy.command = [settings.proxy_command]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# who may log in, each with their own password: the roster and the staff; the instructor administers the hub
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = {*settings.students, *settings.staff}
c.Authenticator.admin_users = {settings.instructor}

c.JupyterHub.load_groups = {
    f"nbgrader-{course}": {"users": list(settings.students)},
    f"formgrade-{course}": {"users": list(settings.staff)},
}
c.JupyterHub.load_roles = [
    {
        "name": f"formgrade-{course}",
        "description": f"open the formgrader of {course} and find it from the course list",
        "groups": [f"formgrade-{course}"],
        "scopes": [f"access:services!service={course}", "list:services", f"read:services!service={course}"],
    },
    {
        "name": "idle-culler",
        "description": "stop servers nobody has used for a while",
        "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    },
]

# single-user servers: local processes of each user's system account, each in its control group
c.JupyterHub.spawner_class = "grading.hub.spawner.LimitedSpawner"
c.LimitedSpawner.cgroup_prefix = f"grading-hub:{course}:"
c.Spawner.mem_limit = settings.memory_bytes
c.Spawner.cpu_limit = settings.cpus
c.LimitedSpawner.process_limit = settings.processes
c.Spawner.poll_interval = 10  # seconds: how soon a server past its memory is stopped (JupyterHub's default 30)
c.Spawner.cmd = SINGLEUSER
c.Spawner.pre_spawn_hook = PortPool()  # no two servers on one port, even when many start at once
c.Spawner.default_url = "/lab"
# the server's token may do what the default `server` role allows, plus what nbgrader asks the hub:
# the user's own groups (course membership) and, for staff, the formgrader service; each user gets
# only the scopes they hold themselves
c.Spawner.server_token_scopes = [
    "users:activity!user", "access:servers!server", "read:users:name!user", "read:users:groups!user",
    "list:services", f"read:services!service={course}",
]
c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": lambda spawner: config_path(
        "staff" if spawner.user.name in settings.staff else "student", "common"),
    "GRADING_EXCHANGE": settings.exchange,
    "PATH": PATH,
}
# a deadline night starts many servers at once on few cores: wait for them, but start at most this many together
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 180
c.JupyterHub.concurrent_spawn_limit = 20

c.JupyterHub.services = [
    {
        "name": course,
        "display": True,
        "url": f"http://127.0.0.1:{settings.service_port}",
        "command": SINGLEUSER,
        "user": settings.grader,
        "cwd": settings.course_root,
        "oauth_no_confirm": True,
        "environment": {
            "JUPYTER_CONFIG_PATH": config_path("grader"),
            "JUPYTERHUB_DEFAULT_URL": "/lab",
            "GRADING_EXCHANGE": settings.exchange,
            "GRADING_DB_URL": settings.db_url,
            "PATH": PATH,
        },
    },
    {
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_TIMEOUT}"],
    },
]
if settings.serve:  # grades each submission as it arrives and releases its feedback (course.toml's on_submit)
    c.JupyterHub.services.append({
        "name": f"{course}-serve",
        "command": [sys.executable, "-m", "grading.cli", "serve"],
        "user": settings.grader,
        "cwd": settings.course_root,
        "environment": {"GRADING_EXCHANGE": settings.exchange, "GRADING_DB_URL": settings.db_url, "PATH": PATH},
    })
