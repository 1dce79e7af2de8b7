"""nbgrader settings for Course B ("Advanced Machine Learning"): two projects authored with otter-grader.

Our own settings (projects, points, due dates, grade cut-offs) live in course.toml.
The exchange is the one Course A uses: one JupyterHub, one exchange, a folder per course.
"""

import os
from pathlib import Path

from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import Execute, GetGrades

c = get_config()  # noqa: F821 (injected by traitlets)

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent.parent

c.CourseDirectory.course_id = "advanced-ml"
c.CourseDirectory.root = str(HERE)
c.CourseDirectory.solution_directory = "solutions"
c.CourseDirectory.db_url = os.environ.get("GRADING_DB_URL", f"sqlite:///{HERE / 'gradebook.db'}")

c.Exchange.root = os.environ.get("GRADING_EXCHANGE", str(REPOSITORY / ".exchange"))
# UTC, verified collect and a group-shared course directory, for the reasons given in Course A's
# nbgrader_config.py.
c.Exchange.timezone = "UTC"
c.ExchangeFactory.collect = "grading.exchange.VerifiedCollect"
c.CourseDirectory.groupshared = True

c.AssignLatePenalties.plugin_class = "grading.policy.late.CoursePolicyLatePenalty"

# Submissions run in the grading sandbox, with the limits of [sandbox] in course.toml, as in Course A.
c.Autograde.autograde_preprocessors = [
    "grading.sandbox.execute.SandboxExecute" if step is Execute else step
    for step in Autograde.class_traits()["autograde_preprocessors"].default()
]
c.SandboxExecute.backend = "bubblewrap"
# Feedback without the hidden tests' source unless course.toml says otherwise, as in Course A.
c.GenerateFeedback.preprocessors = [
    named for step in GenerateFeedback.class_traits()["preprocessors"].default()
    for named in ([step, "grading.hidden_tests.HideHiddenTests"] if step is GetGrades else [step])
]

c.Execute.timeout = 60
c.Execute.startup_timeout = 120
c.Execute.iopub_timeout = 30
