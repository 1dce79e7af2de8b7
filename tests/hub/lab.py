"""What a person does in JupyterLab with nbgrader's lab extension, as functions over a Playwright page.

Waits are on what the person would look at (a row in the Assignments panel, a dialog, the tab's
unsaved marker), not on fixed sleeps. The server-side steps (spawning, fetch, validate, submit)
run nbgrader in the single-user server and get SLOW; the rest relies on the page's default timeout.
"""

from __future__ import annotations

import time

from playwright.sync_api import Locator, Page, expect

SLOW = 180_000  # ms: spawning a server, fetching, validating (runs the notebook in a kernel), submitting


def sign_in(page: Page, hub_url: str, user: str, password: str) -> None:
    """Fill in and send the hub's login form (the hub then starts the user's server, or refuses)."""
    goto_when_up(page, f"{hub_url.rstrip('/')}/hub/login")
    page.get_by_label("Username:").fill(user)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def login(page: Page, hub_url: str, user: str, password: str) -> None:
    """Sign in on the hub's login page and wait until the spawned server's JupyterLab is usable."""
    sign_in(page, hub_url, user, password)
    page.wait_for_url(f"**/user/{user}/lab**", timeout=SLOW)
    wait_for_lab(page)


def goto_when_up(page: Page, url: str) -> None:
    """Load a page, reloading while the proxy answers for a hub that has not yet registered its routes."""
    deadline = time.monotonic() + SLOW / 1000
    while not (response := page.goto(url)) or not response.ok:
        if time.monotonic() > deadline:
            raise AssertionError(f"{url}: still HTTP {response and response.status} after {SLOW / 1000:.0f} s")
        page.wait_for_timeout(1000)


def wait_for_lab(page: Page) -> None:
    """JupyterLab is usable once its splash screen is gone and the main menu is shown."""
    expect(page.locator("#jupyterlab-splash")).to_have_count(0, timeout=SLOW)
    expect(page.get_by_role("menuitem", name="Nbgrader")).to_be_visible()


def open_assignments(page: Page) -> Locator:
    """Open (or bring to front) nbgrader's Assignments panel from its menu; returns the loaded panel."""
    page.get_by_role("menuitem", name="Nbgrader").click()
    page.get_by_role("menuitem", name="Assignment List").click()
    panel = page.locator("#assignments")
    expect(panel).to_be_visible()
    for state in ("released", "fetched", "submitted"):
        expect(panel.locator(f"#{state}_assignments_list_loading")).to_be_hidden(timeout=SLOW)
    error = panel.locator("#released_assignments_list_error")
    if error.is_visible():
        raise AssertionError(f"the Assignments panel shows an error: {error.inner_text()}")
    return panel


def assignment_row(page: Page, state: str, sheet: str) -> Locator:
    """The row of a sheet in one list of the Assignments panel: released, fetched or submitted."""
    rows = page.locator(f"#{state}_assignments_list > .list_item")
    return rows.filter(has=page.locator(".item_name", has_text=sheet))


def _press(page: Page, state: str, sheet: str, button: str, busy: str) -> None:
    """Click a row's button and wait for nbgrader's answer (the button shows `busy` until then)."""
    panel = open_assignments(page)
    assignment_row(page, state, sheet).get_by_role("button", name=button, exact=True).click()
    expect(panel.get_by_role("button", name=busy)).to_have_count(0, timeout=SLOW)


def fetch(page: Page, sheet: str) -> None:
    """Fetch a released sheet into the home directory."""
    _press(page, "released", sheet, "Fetch", "Fetching...")
    expect(assignment_row(page, "fetched", sheet)).to_be_visible()


def open_notebook(page: Page, sheet: str, name: str) -> Locator:
    """Open a fetched notebook from the Assignments panel; returns its notebook panel once cells are shown."""
    open_assignments(page)
    row = assignment_row(page, "fetched", sheet)
    if not row.locator(".assignment-notebooks").is_visible():
        row.get_by_role("button", name=sheet).click()  # expands the list of the sheet's notebooks
    row.get_by_role("link", name=name, exact=True).click()
    notebook = page.locator(".jp-NotebookPanel:visible")
    expect(page.get_by_role("tab", name=f"{name}.ipynb")).to_be_visible()
    expect(notebook.locator(".jp-Cell").first).to_be_visible()
    return notebook


def replace_cell_source(page: Page, index: int, code: str) -> None:
    """Replace the text of the index-th cell as a person does: click in, select all, type."""
    editor = page.locator(".jp-NotebookPanel:visible .jp-Cell").nth(index).locator(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click(position={"x": 4, "y": 4})  # top left: clear of the notification toasts
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(code)
    expect(editor).to_have_text(code.replace("\n", ""), use_inner_text=False)


def save(page: Page) -> None:
    """Save the notebook in front with its toolbar button and wait until its tab is no longer dirty."""
    with page.expect_response(lambda r: r.request.method == "PUT" and "/api/contents/" in r.url) as saved:
        page.locator(".jp-NotebookPanel:visible [data-command='docmanager:save']").click()
    assert saved.value.ok, f"saving failed: HTTP {saved.value.status}"
    expect(page.locator(".jp-mod-current.jp-mod-dirty")).to_have_count(0)


def validate(page: Page) -> str:
    """Press the notebook's Validate button (it saves first); returns the text of nbgrader's result dialog."""
    page.locator(".jp-NotebookPanel:visible .validate-button").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog).to_be_visible(timeout=SLOW)
    title, text = dialog.locator(".jp-Dialog-header").inner_text(), dialog.locator(".jp-Dialog-body").inner_text()
    dialog.get_by_role("button", name="Ok").click()
    expect(dialog).to_have_count(0)
    if title.strip() != "Validation Results":  # "Validation failed": nbgrader could not run the notebook
        raise AssertionError(f"{title}: {text}")
    return text


def submit(page: Page, sheet: str) -> None:
    """Submit a fetched sheet; fails with nbgrader's reason if it refuses the submission."""
    _press(page, "fetched", sheet, "Submit", "submitting...")
    refused = page.locator(".jp-Dialog").filter(has_text="Invalid Submission")
    if refused.count():
        raise AssertionError(f"nbgrader refused the submission: {refused.inner_text()}")
    expect(assignment_row(page, "submitted", sheet)).to_be_visible()


def fetch_feedback(page: Page, sheet: str) -> None:
    """Fetch released feedback of a submitted sheet; waits for the panel's '(view feedback)' link."""
    _press(page, "submitted", sheet, "Fetch Feedback", "Fetching Feedback...")
    expect(assignment_row(page, "submitted", sheet).get_by_text("(view feedback)")).to_be_visible()


def open_feedback(page: Page, sheet: str, name: str | None = None) -> Locator:
    """Follow '(view feedback)' to the feedback folder and open the notebook's HTML page; returns its body."""
    open_assignments(page)
    assignment_row(page, "submitted", sheet).get_by_text("(view feedback)").last.click()
    page.locator(".jp-DirListing-item", has_text=f"{name or sheet}.html").dblclick()
    frame = page.locator(".jp-HTMLViewer:visible iframe").content_frame
    body = frame.locator("body")
    expect(body).to_be_visible()
    return body


def open_formgrader(page: Page, service_url: str) -> None:
    """Staff: open the course's formgrader service in a browser tab of its own.

    That is nbgrader's advice for JupyterHub >= 4.1: the hub forbids framing its servers
    (frame-ancestors 'none'), so the Formgrader panel inside JupyterLab stays blank.
    """
    response = page.goto(f"{service_url}/formgrader")
    assert response is not None and response.ok, f"the formgrader answered HTTP {response and response.status}"
    expect(page.get_by_role("link", name="Manage Assignments")).to_be_visible()


def submissions(formgrader: Page, sheet: str) -> Locator:
    """From the formgrader's assignments, open a sheet's submissions (its count links there); returns their rows."""
    assignment = formgrader.locator("tr").filter(has=formgrader.locator(".name", has_text=sheet))
    assignment.locator(".num-submissions a").click()
    rows = formgrader.locator("tr").filter(has=formgrader.locator(".student-id"))
    expect(rows.first).to_be_visible()
    return rows
