"""Every graded student gets HTML feedback with their score, released to the exchange."""

from __future__ import annotations

from tests.conftest import GradedCohort


def test_feedback_per_graded_student(graded_cohort: GradedCohort) -> None:
    course = graded_cohort.course
    graded = [o.student for o in graded_cohort.outcomes if o.graded]
    with course.gradebook() as gb:
        for student in graded:
            html = (course.path("feedback", student, "sheet01") / "sheet01.html").read_text(encoding="utf-8")
            score = gb.find_submission("sheet01", student).score
            assert f"Score: {score:.1f} / 20.0" in html or f"{score:g} / 20" in html, student
    released = list((course.exchange_root / "ml-physics" / "feedback").glob("*.html"))
    assert len(released) == len(graded)
