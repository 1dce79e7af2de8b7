"""Every graded student gets HTML feedback with their score and standing, released to the exchange."""

from __future__ import annotations

from grading.feedback import add_standing
from tests.conftest import GradedCohort


def test_feedback_per_graded_student(graded_cohort: GradedCohort) -> None:
    course = graded_cohort.course
    graded = [o.student for o in graded_cohort.outcomes if o.graded]
    with course.gradebook() as gb:
        for student in graded:
            html = (course.path("feedback", student, "sheet01") / "sheet01.html").read_text(encoding="utf-8")
            submission = gb.find_submission("sheet01", student)
            score = submission.score - submission.late_submission_penalty
            assert f"Score: {score:.1f} / 20.0" in html, student
            assert html.count('class="course-standing"') == 1
            assert "points so far" in html
    released = list((course.exchange_root / "ml-physics" / "feedback").glob("*.html"))
    assert len(released) == len(graded)


def test_add_standing_goes_first_in_the_body() -> None:
    page = add_standing("<html><body class='x'><h1>Sheet</h1></body></html>", "3 of 20 <points>")
    assert page.startswith("<html><body class='x'><div class=\"course-standing\"")
    assert "3 of 20 &lt;points&gt;" in page
