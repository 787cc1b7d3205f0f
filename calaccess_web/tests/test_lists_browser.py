"""One end-to-end check of the contribution search in a real headless Chromium (Debian's).

The page is served by Django's WSGI handler on a local port from the loaded fixtures
(``web_data``); the browser fills the filter form, submits it (plain GET, no JavaScript) and the
screenshot is kept in ``.artifacts/screenshots``.
"""

from __future__ import annotations

import pytest
from django.test import Client

from calaccess_toolkit.testing.browser import headless_chromium, screenshot_dir

# Marked so the test databases are ready when this module runs alone (the load needs them).
pytestmark = pytest.mark.django_db


def test_contribution_search_in_chromium(site, django_db_blocker, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    with django_db_blocker.unblock():
        first = Client().get("/api/contributions/?sort=-amount&limit=1").json()["results"][0]
        name = first["contributor_lastname"]
        expected = Client().get(f"/api/contributions/?name={name}&limit=500").json()["results"]
        with headless_chromium(tmp_path / "profile") as browser:
            browser.get(site + "/contributions/")
            field = browser.find_element(By.NAME, "name")
            field.send_keys(name)
            browser.find_element(By.CSS_SELECTOR, "#list-filters button[type=submit]").click()
            table = browser.find_element(By.ID, "list-table")
            rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
            assert "name=" in browser.current_url
            assert len(rows) == min(len(expected), 50) > 0
            assert all(name.lower() in row.text.lower() for row in rows)
            link = rows[0].find_element(By.CSS_SELECTOR, "a[href^='/filings/']")
            assert link.get_attribute("href").endswith(f"/filings/{expected[0]['filing_id']}/")
            browser.save_screenshot(str(screenshot_dir() / "contribution-search.png"))
    assert (screenshot_dir() / "contribution-search.png").stat().st_size > 10_000
