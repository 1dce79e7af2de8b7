"""nbgrader settings for Course A ("Machine Learning and Physics").

Our own settings (sheets, points, due dates, admission rule) live in course.toml;
this file holds only what nbgrader itself reads.
"""

import os
from pathlib import Path

from nbgrader.converters import Autograde, GenerateFeedback
from nbgrader.preprocessors import Execute, GetGrades

c = get_config()  # noqa: F821 (injected by traitlets)

HERE = Path(__file__).resolve().parent

c.CourseDirectory.course_id = "ml-physics"
c.CourseDirectory.root = str(HERE)
c.CourseDirectory.solution_directory = "solutions"
# SQLite by default; any SQLAlchemy URL (e.g. postgresql://...) works.
c.CourseDirectory.db_url = os.environ.get("GRADING_DB_URL", f"sqlite:///{HERE / 'gradebook.db'}")

# The exchange through which sheets are released and submitted. On JupyterHub
# this is a shared folder such as /srv/nbgrader/exchange.
c.Exchange.root = os.environ.get("GRADING_EXCHANGE", str(HERE / ".exchange"))
# Timestamps in UTC: zone names such as CEST are ambiguous to parsers (they would shift late
# submissions), and a numeric offset (+01:00) breaks nbgrader's '+'-separated submission names.
c.Exchange.timezone = "UTC"
# Collect rejects submissions a student cannot have made (files of another user, symbolic links,
# a claimed time the file system contradicts) instead of nbgrader's warning; see grading/exchange.py.
c.ExchangeFactory.collect = "grading.exchange.VerifiedCollect"
# On JupyterHub, root's `grading` commands and the course's grader account (the formgrader service)
# share the course and exchange folders through the graders' group: nbgrader then makes what it
# writes group-writable and stops requiring that the releasing user owns the exchange folders.
c.CourseDirectory.groupshared = True

# Late penalties follow the [late] rule of course.toml, so the gradebook and our reports agree.
c.AssignLatePenalties.plugin_class = "grading.policy.late.CoursePolicyLatePenalty"

# Autograding runs each submission in the grading sandbox (grading/sandbox/), never in nbgrader's Execute
# step (a kernel with this user's rights, the gradebook within reach): nbgrader's own autograde steps, with
# Execute replaced, for `nbgrader autograde`, the formgrader's Autograde button and `grading autograde`
# alike. The limits are [sandbox] in course.toml. The step is named as a string, so that this file loads
# even where `grading` cannot be imported (nbgrader would skip a failing file and grade with its defaults).
c.Autograde.autograde_preprocessors = [
    "grading.sandbox.execute.SandboxExecute" if step is Execute else step
    for step in Autograde.class_traits()["autograde_preprocessors"].default()
]
# "bubblewrap", or "unsafe": no isolation at all (it prints a warning)
c.SandboxExecute.backend = "bubblewrap"

# Feedback shows each test cell's points and failure message but not the hidden tests' source (nbgrader prints
# it), for `grading feedback` and the formgrader's Generate feedback button alike, unless course.toml says
# [feedback] hidden_tests = "show" (grading/hidden_tests.py). Named as a string, as SandboxExecute is.
c.GenerateFeedback.preprocessors = [
    named for step in GenerateFeedback.class_traits()["preprocessors"].default()
    for named in ([step, "grading.hidden_tests.HideHiddenTests"] if step is GetGrades else [step])
]

# nbgrader's own kernel runs (the solutions at release; `nbgrader validate`, which students run on their
# own notebooks): a cell running longer is interrupted.
c.Execute.timeout = 30
c.Execute.startup_timeout = 120
# After a reply, wait this long for the cell's last output before nbgrader gives up on the whole
# notebook (nbclient's default of 4 s fails sound submissions on a loaded machine).
c.Execute.iopub_timeout = 30
