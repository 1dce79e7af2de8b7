"""Late penalties: one rule for nbgrader's gradebook (as its late-submission plugin) and for our reports.

The grace period and per-student extensions reach nbgrader as the submission's
extension (see CoursePlan.extension), so nbgrader's own `total_seconds_late`
already excludes them; this rule only turns lateness into a penalty.
"""

from __future__ import annotations

import math
from pathlib import Path

from nbgrader.plugins import LateSubmissionPlugin

from grading.plan import PLAN_FILE, LateRule, load_plan

DAY = 86400.0


def late_penalty(score: float, seconds_late: float, rule: LateRule) -> float:
    """Points lost by a submission scoring `score` that is `seconds_late` past due date and extension."""
    if seconds_late <= 0 or rule.mode == "none" or score <= 0:
        return 0.0
    days = math.ceil(seconds_late / DAY)
    if rule.mode == "zero" or (rule.max_days is not None and days > rule.max_days):
        return score
    return min(score, score * rule.per_day * days)


class CoursePolicyLatePenalty(LateSubmissionPlugin):
    """nbgrader plugin (`c.AssignLatePenalties.plugin_class`) applying the [late] rule of course.toml; in a course
    without one, nbgrader's own (LateSubmissionPlugin.penalty_method)."""

    def late_submission_penalty(self, student_id: str, score: float, total_seconds_late: float) -> float:
        plan = Path(self.parent.config.CourseDirectory.get("root", ".")) / PLAN_FILE
        if not plan.is_file():
            return super().late_submission_penalty(student_id, score, total_seconds_late)
        return late_penalty(score, total_seconds_late, load_plan(plan).late)
