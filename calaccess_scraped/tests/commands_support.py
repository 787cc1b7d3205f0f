"""Running the scrape commands from tests against the local server, as a user would."""

from __future__ import annotations

import re
from io import StringIO
from urllib.parse import urlsplit

from django.core.management import CommandError, call_command


def run(command: str, *options: str) -> str | None:
    """Run a management command; return its one-line error, or None when it succeeded."""
    try:
        call_command(command, *options, stdout=StringIO(), stderr=StringIO())
    except CommandError as error:
        return str(error)
    return None


def failed_paths(run_row) -> set[str]:
    """The site paths (with query) of the pages a scrape run could not fetch."""
    return {_path(failure["url"]) for failure in run_row.failures}


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def linked_ids(body: bytes, pattern: bytes) -> set[int]:
    """Numbers a page links to, found with a plain regular expression (not the parsers)."""
    return {int(number) for number in re.findall(pattern, body)}


def single_host(url: str, server_url: str) -> bool:
    """Whether ``url`` is on the local server and names a host only once."""
    return url.startswith(server_url + "/") and url.count("://") == 1
