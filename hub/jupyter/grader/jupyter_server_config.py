"""The course's formgrader service (grader account, course folder): formgrader and create-assignment."""

import os

from grading.course import GROUP_UMASK

c = get_config()  # noqa: F821 (injected by traitlets)

# what staff write here, in the formgrader or its terminals, stays within the graders' group
os.umask(GROUP_UMASK)

c.ServerApp.jpserver_extensions = {
    "nbgrader.server_extensions.formgrader": True,
    "nbgrader.server_extensions.validate_assignment": True,
    "nbgrader.server_extensions.assignment_list": False,
    "nbgrader.server_extensions.course_list": False,
}
