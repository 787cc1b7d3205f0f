"""A real headless Chromium on the browser's pages: one reporter's journey through them.

Search for a fixture committee (typeahead included), open it, follow an amended filing and its
diff, go to the committee's contributions, download them as CSV (read from the page's own link
over HTTP: a browser download cannot be read back) and check its rows are the list's, then page
the sorted list forward and back.

The pages are served by a WSGI server in a thread over the package's loaded data (committed
outside any test transaction, so the server's own connection sees it); screenshots go to the
test artefacts (``calaccess_toolkit.testing.browser.screenshot_dir``).
"""

from __future__ import annotations

import csv
import io
import urllib.request
from collections.abc import Iterator
from decimal import Decimal

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from calaccess_toolkit.testing.browser import headless_chromium, screenshot_dir
from calaccess_web.lists.declarations import COMMITTEE_LISTS

from .pages import AMENDED_FILING, COMMITTEE, COMMITTEE_NAME

# Marked so the test databases are ready when this module runs alone (the load needs them).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def chromium(site, tmp_path_factory) -> Iterator:
    with headless_chromium(tmp_path_factory.mktemp("chromium")) as driver:
        driver.set_page_load_timeout(30)
        yield driver


def test_search_committee_filing_diff_contributions_csv_and_paging(
    site, chromium, django_db_blocker
):
    wait = WebDriverWait(chromium, 10)
    with django_db_blocker.unblock():
        chromium.get(f"{site}/search/?q=chavez+council")
        link = wait.until(
            expected_conditions.element_to_be_clickable((By.LINK_TEXT, COMMITTEE_NAME))
        )
        box = chromium.find_element(By.CSS_SELECTOR, "#search-form input[name=q]")
        box.clear()
        box.send_keys("Renee Ch")
        suggestion = wait.until(
            expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, "ul.typeahead a"))
        )
        assert COMMITTEE_NAME in suggestion.text  # the typeahead, served by the project
        chromium.save_screenshot(str(screenshot_dir() / "search.png"))
        link = chromium.find_element(By.LINK_TEXT, COMMITTEE_NAME)
        link.click()
        wait.until(expected_conditions.url_contains(f"/committees/{COMMITTEE}/"))
        assert chromium.find_element(By.TAG_NAME, "h1").text == COMMITTEE_NAME
        assert chromium.find_element(By.CSS_SELECTOR, "svg.chart").is_displayed()
        chromium.save_screenshot(str(screenshot_dir() / "committee.png"))
        chromium.find_element(
            By.CSS_SELECTOR, f'#years a[href="/filings/{AMENDED_FILING}/"]'
        ).click()
        wait.until(expected_conditions.url_contains(f"/filings/{AMENDED_FILING}/"))
        diff = chromium.find_element(By.ID, "diff-1")
        chromium.execute_script("arguments[0].scrollIntoView()", diff)
        assert "Amendment 1 against 0" in diff.text
        assert chromium.find_elements(By.CSS_SELECTOR, "tr.added")
        chromium.save_screenshot(str(screenshot_dir() / "filing.png"))
        chromium.get(f"{site}/committees/{COMMITTEE}/")
        chromium.find_element(
            By.CSS_SELECTOR, f'a[href="/committees/{COMMITTEE}/contributions/"]'
        ).click()
        wait.until(expected_conditions.url_contains(f"/committees/{COMMITTEE}/contributions/"))
        _choose(chromium, "sort", "-amount")
        shown = _table(chromium)
        while next_links := chromium.find_elements(By.CSS_SELECTOR, "a[rel=next]"):
            next_links[0].click()
            shown += _table(chromium)
        chromium.get(f"{site}/committees/{COMMITTEE}/contributions/?sort=-amount")
        csv_link = chromium.find_element(By.LINK_TEXT, "CSV").get_attribute("href")
        with urllib.request.urlopen(csv_link, timeout=30) as response:
            assert response.status == 200
            downloaded = list(csv.DictReader(io.TextIOWrapper(response, encoding="utf-8")))
        assert len(downloaded) == len(shown) > 10
        assert [_as_shown(row) for row in downloaded] == shown
        # A small page size, forward two pages and back: the same rows each way.
        chromium.get(f"{site}/committees/{COMMITTEE}/contributions/?sort=-amount&limit=5")
        pages = [_table(chromium)]
        for _ in range(2):
            chromium.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
            pages.append(_table(chromium))
        assert pages == [shown[:5], shown[5:10], shown[10:15]]
        chromium.save_screenshot(str(screenshot_dir() / "contributions.png"))
        for expected in reversed(pages[:-1]):
            chromium.find_element(By.CSS_SELECTOR, "a[rel=prev]").click()
            assert _table(chromium) == expected
        assert not chromium.find_elements(By.CSS_SELECTOR, "a[rel=prev]")
    for name in ("search", "committee", "filing", "contributions"):
        assert (screenshot_dir() / f"{name}.png").stat().st_size > 10_000


def _choose(driver, name: str, value: str) -> None:
    """Pick a value of the filter form's select and submit the form (a plain GET)."""
    driver.find_element(By.CSS_SELECTOR, f'select[name={name}] option[value="{value}"]').click()
    driver.find_element(By.CSS_SELECTOR, "#list-filters button[type=submit]").click()
    WebDriverWait(driver, 10).until(expected_conditions.url_contains(f"{name}={value}"))


def _table(driver) -> list[list[str]]:
    """The list table's cells as the reader sees them."""
    rows = driver.find_elements(By.CSS_SELECTOR, "#list-table tbody tr")
    return [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")] for row in rows]


def _as_shown(row: dict[str, str]) -> list[str]:
    """A CSV row printed as the page prints it (amounts with separators, memo as yes)."""
    cells = []
    for column in COMMITTEE_LISTS["contributions"].columns:
        value = row[column.name]
        if column.type == "decimal" and value:
            value = f"{Decimal(value):,.2f}"
        elif column.type == "boolean":
            value = "yes" if value == "true" else ""
        cells.append(" ".join(value.split()))
    return cells
