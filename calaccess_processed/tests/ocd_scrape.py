"""One real scrape of the captured website per test module, for the OCD election tests.

The scrapers run against a real local HTTP server serving the captured pages (see
``calaccess_scraped.tests.website``), outside any test's transaction; tests then run in
transactions (rolled back) and share the scrape. When the module is done, the scrape, the OCD
tables and the command log rows written since are deleted (not the whole database: the
package's processed filings are shared by other modules).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import models
from django.test import override_settings
from django.utils import timezone

from calaccess_processed.elections.dates import date_candidate_elections
from calaccess_processed.models.ocd import OCD_MODELS
from calaccess_scraped.models import (
    CandidateElection,
    Incumbent,
    IncumbentElection,
    PropositionElection,
    ScrapeRun,
)
from calaccess_scraped.scraping.crawl import Crawl
from calaccess_scraped.tests.parsed import parse_once
from calaccess_scraped.tests.website import serve_website
from calaccess_toolkit import network
from calaccess_toolkit.testing.httpserver import LocalHTTPServer
from django_commander.models import CommandLog

TIMESTAMPS = {"created_at", "updated_at"}
SCRAPES = ("scrapecalaccesspropositions", "scrapecalaccesscandidates", "scrapecalaccessincumbents")


def run(*arguments: str) -> tuple[str, CommandError | None]:
    """Run a management command; return its output and its error (None when it succeeded)."""
    out = StringIO()
    try:
        call_command(*arguments, stdout=out, stderr=StringIO())
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def ocd_tables() -> dict[str, list[tuple]]:
    """Every OCD table's rows (automatic ids, timestamps and the merges' run left out), sorted."""
    snapshot = {}
    for model in OCD_MODELS:
        names = [
            field.attname
            for field in model._meta.concrete_fields
            if field.name not in TIMESTAMPS | {"run_id"}
            and not (field.primary_key and isinstance(field, models.AutoField))
        ]
        snapshot[model.__name__] = sorted(
            model.objects.values_list(*names), key=lambda row: tuple(map(str, row))
        )
    return snapshot


def forget_scrape_and_elections(since: datetime) -> None:
    """Delete what :func:`scraped_website` and the OCD loaders wrote."""
    for model in reversed(OCD_MODELS):
        model.objects.all().delete()
    for model in (CandidateElection, IncumbentElection, Incumbent, PropositionElection, ScrapeRun):
        model.objects.all().delete()
    CommandLog.objects.filter(start_time__gte=since).delete()


@contextmanager
def scraped_website(data_dir: Path) -> Iterator[datetime]:
    """Scrape the captured site's measures, candidates and incumbents, then date the elections."""
    read = Crawl.read

    def read_once(crawl: Crawl, url: str, parser: Callable, *args):
        return read(crawl, url, partial(parse_once, parser), *args)

    with pytest.MonkeyPatch.context() as patch, LocalHTTPServer() as server:
        patch.setattr(Crawl, "read", read_once)
        patch.setattr(network, "BACKOFF_SECONDS", 0.01)
        serve_website(server)
        with override_settings(
            CALACCESS_DATA_DIR=str(data_dir),
            CALACCESS_WEBSITE_URL=server.url,
            CALACCESS_SCRAPER_RATE=0,
            CALACCESS_HTTP_RETRIES=1,
            CALACCESS_HTTP_TIMEOUT=5.0,
        ):
            started = timezone.now()
            for command in SCRAPES:
                run(command)  # the captured site lacks some pages: each scrape is incomplete
            # Dating the candidate lists is processing: the nightly job runs it after the scrape.
            date_candidate_elections()
            yield started
