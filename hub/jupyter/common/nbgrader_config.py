"""nbgrader in students' and staff's own servers: the course exchange, membership from JupyterHub groups."""

import os

from nbgrader.auth import JupyterHubAuthPlugin

c = get_config()  # noqa: F821 (injected by traitlets)

# set by the hub's spawner (hub/jupyterhub_config.py), as the course's nbgrader_config.py sets it
c.Exchange.root = os.environ["GRADING_EXCHANGE"]
c.Exchange.timezone = "UTC"
# fetched sheets land in ~/<course_id>/<sheet>: one home may hold several courses
c.Exchange.path_includes_course = True
# may fetch and submit: members of the hub groups nbgrader-<course_id> and formgrade-<course_id>
c.Authenticator.plugin_class = JupyterHubAuthPlugin
# submissions readable only by their student and the graders' group (nbgrader: by everyone)
c.ExchangeFactory.submit = "grading.exchange.PrivateSubmit"
