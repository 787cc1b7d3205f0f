"""A real headless Chromium (Debian's ``chromium`` and ``chromedriver``) for page tests.

Selenium drives the browser through the system's chromedriver, so nothing is downloaded at test
time. Screenshots go to ``$CALACCESS_SCREENSHOT_DIR`` (default ``<repo>/.artifacts/screenshots``),
kept after the run as test artefacts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = os.environ.get("CALACCESS_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CALACCESS_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1000",
)


def screenshot_dir() -> Path:
    """Where screenshots are kept (created on first use)."""
    default = Path(__file__).resolve().parents[2] / ".artifacts" / "screenshots"
    path = Path(os.environ.get("CALACCESS_SCREENSHOT_DIR", default))
    path.mkdir(parents=True, exist_ok=True)
    return path


def browser_available() -> bool:
    """Whether Debian's chromium and chromedriver are installed (``.ci/run`` installs them)."""
    return shutil.which(CHROMIUM) is not None and shutil.which(CHROMEDRIVER) is not None


@contextmanager
def headless_chromium(user_data_dir: Path) -> Iterator:
    """A Selenium WebDriver on headless Chromium with a fresh profile in ``user_data_dir``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={user_data_dir}")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
