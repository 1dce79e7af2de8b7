"""The hub's login page in Chromium: each person's own password opens their account and no other.

A student's password does not open another student's account, nor a TA's or the instructor's;
the shared password the course's hub had before opens none. (A TA signing in with their own
password and reaching the formgrader: tests/hub/test_browser.py.)
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.hub import lab
from tests.hub.conftest import Hub

REFUSED = "Invalid username or password"


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("victim", ["another student", "a TA", "the instructor"])
def test_a_students_password_opens_no_other_account(hub: Hub, page: Page, victim: str) -> None:
    student = hub.students[12]
    user = {"another student": hub.students[1], "a TA": hub.tas[0], "the instructor": hub.instructor}[victim]
    lab.sign_in(page, hub.url, user, hub.password(student))
    expect(page.get_by_text(REFUSED)).to_be_visible()
    assert "/hub/login" in page.url


@pytest.mark.parametrize("who", ["student", "ta"])
def test_the_old_shared_password_opens_nothing(hub: Hub, page: Page, who: str) -> None:
    user = {"student": hub.students[12], "ta": hub.tas[0]}[who]
    lab.sign_in(page, hub.url, user, hub.old_shared_password)
    expect(page.get_by_text(REFUSED)).to_be_visible()


def test_a_student_signs_in_with_their_own_password(hub: Hub, page: Page) -> None:
    student = hub.students[12]
    lab.sign_in(page, hub.url, student, hub.password(student))
    page.wait_for_url(f"**/user/{student}/**", timeout=lab.SLOW)  # the hub starts their server and sends them on
    httpx.delete(f"{hub.url}/hub/api/users/{student}/server",
                 headers={"Authorization": f"token {hub.token(hub.instructor)}"}, timeout=60)
