"""The settings every app of the toolkit shares: the data folder and how HTTP requests retry."""

from pathlib import Path

from . import conf
from .settingtypes import NUMBER, WHOLE_NUMBER


def default_data_dir() -> str:
    """``data/`` in the current folder: the repository's root when run by ``make``."""
    return str(Path.cwd() / "data")


DATA_DIR = conf.Setting(
    "CALACCESS_DATA_DIR",
    None,
    "Folder for downloads, cleaned files, error logs, caches, reports and the default SQLite "
    "database.",
    default_factory=default_data_dir,
    default_doc="`data/` in the current folder",
)
HTTP_RETRIES = conf.Setting(
    "CALACCESS_HTTP_RETRIES",
    4,
    "How many times a download or a scraper request is retried after a network error or a "
    "5xx answer (with exponential backoff).",
    WHOLE_NUMBER,
)
HTTP_TIMEOUT = conf.Setting(
    "CALACCESS_HTTP_TIMEOUT",
    60.0,
    "Seconds to wait for the server before a request counts as timed out.",
    NUMBER,
)

SETTINGS = conf.declare("calaccess_toolkit", DATA_DIR, HTTP_RETRIES, HTTP_TIMEOUT)
