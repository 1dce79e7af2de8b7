"""Which sheets a simulated student works on: in a course with tracks and paths, only their own."""

from __future__ import annotations

from grading.plan import CoursePlan


def takes(plan: CoursePlan, student: str, sheet_id: str) -> bool:
    """Whether the sheet belongs to the student's track and, for a slot with several variants, is their path
    (the one they chose, else the slot's first variant): a real student submits nothing else."""
    if not plan.has_tracks:
        return True
    choice = plan.choice(student)
    slot = plan.sheet(sheet_id).slot_id
    if slot not in plan.track(choice.track).weights:
        return False
    return choice.paths.get(slot, plan.slots[slot][0]) == sheet_id
