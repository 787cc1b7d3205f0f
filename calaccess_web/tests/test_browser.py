"""A real headless Chromium on the browser's pages: search, follow a committee, open a filing.

The pages are served by a WSGI server in a thread over the package's loaded data (committed
outside any test transaction, so the server's own connection sees it); screenshots go to the
test artefacts (``calaccess_toolkit.testing.browser.screenshot_dir``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.wsgi import get_wsgi_application
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from calaccess_toolkit.testing.browser import headless_chromium, screenshot_dir

from .pages import AMENDED_FILING, COMMITTEE, COMMITTEE_NAME


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def site(web_data, django_db_blocker) -> Iterator[str]:
    with django_db_blocker.unblock():
        server = make_server(
            "127.0.0.1", 0, StaticFilesHandler(get_wsgi_application()), handler_class=QuietHandler
        )
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def chromium(site, tmp_path_factory) -> Iterator:
    with headless_chromium(tmp_path_factory.mktemp("chromium")) as driver:
        driver.set_page_load_timeout(30)
        yield driver


def test_search_typeahead_then_committee_then_filing(site, chromium, django_db_blocker):
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
