"""report.html opens in a real browser (Debian's headless Chromium): its tables and plots render."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from playwright.sync_api import Browser

from grading.admission import compute_standing
from grading.items import item_analysis
from grading.report import write_html_report
from tests.conftest import GradedCohort


def test_report_renders_tables_and_images(graded_cohort: GradedCohort, browser: Browser, tmp_path: Path) -> None:
    course = graded_cohort.course
    result = compute_standing(course, course.plan.sheet("sheet01").due + pd.Timedelta(days=1))
    items = item_analysis(course)
    path = write_html_report(result, tmp_path / "report.html", items)
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        assert page.title() == course.plan.name
        images = page.locator("img")
        assert images.count() == 4
        for i in range(images.count()):
            assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 300")
        status_rows = page.locator("h2:has-text('Students per status') + table tbody tr")
        assert status_rows.count() == 5
        counts = {status_rows.nth(i).locator("td").nth(0).inner_text(): int(status_rows.nth(i).locator("td").nth(1)
                  .inner_text()) for i in range(5)}
        assert counts == result.table["status"].value_counts().reindex(counts, fill_value=0).to_dict()
        risky = page.locator("h2:has-text('At risk') + table tbody tr")
        assert risky.count() == sum(s in ("at risk", "cannot reach", "not participating") for s in result.table.status)
        cells = page.locator(".items table tbody tr")
        assert cells.count() == len(items)
        assert page.locator("#items").inner_text() == f"Test cells ({items['flagged'].sum()} flagged)"
        first = [cells.nth(0).locator("td").nth(i).inner_text() for i in range(2)]
        assert first == [items["sheet"][0], items["cell"][0]]
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    except Exception:
        page.screenshot(path=str(Path.cwd() / "report-failure.png"), full_page=True)
        raise
    finally:
        page.close()
