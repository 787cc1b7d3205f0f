"""Scraping the election dates and the incumbents of every two-year session."""

from __future__ import annotations

from django.db import transaction

from calaccess_scraped.fetching.client import WebsiteClient
from calaccess_scraped.fetching.errors import FetchError
from calaccess_scraped.models import Incumbent, IncumbentElection, ScrapeRun
from calaccess_scraped.parsing.incumbents import (
    SESSION_NAVIGATION,
    IncumbentList,
    parse_incumbent_list,
)
from calaccess_scraped.scraping.crawl import website_scrape
from calaccess_scraped.scraping.lists import ListPages, crawl_lists
from calaccess_scraped.scraping.rows import Source, office_holder_fields
from calaccess_scraped.scraping.urls import INCUMBENTS_ENTRY, incumbent_list_url
from calaccess_toolkit.reporting import SILENT, Reporter

SCRAPER = "incumbents"
VACANT = "VACANT"


class WrongSession(FetchError):
    """The site answered a session's URL with the page of another session."""


def read_session_list(body: bytes, url: str, session: int) -> IncumbentList:
    """The incumbent list of ``session``; the page of any other session is not what was asked."""
    parsed = parse_incumbent_list(body, url)
    if parsed.session != session:
        raise WrongSession(url, f"the page shows session {parsed.session}")
    return parsed


SESSION_LISTS = ListPages(
    entry_path=INCUMBENTS_ENTRY,
    url=incumbent_list_url,
    navigation=SESSION_NAVIGATION.parse,
    read=read_session_list,
    contents="incumbents",
    choices="sessions",
)


def scrape_incumbents(
    client: WebsiteClient, base_url: str, *, flush: bool = False, reporter: Reporter = SILENT
) -> ScrapeRun:
    """Scrape every session's election dates and incumbents; return the tracking row."""
    flushed = [IncumbentElection, Incumbent]
    with website_scrape(
        SCRAPER, client, base_url, flush=flush, flushed=flushed, reporter=reporter
    ) as crawl:
        for listed, parsed in crawl_lists(crawl, SESSION_LISTS):
            crawl.recorder.saved(save_incumbent_list(parsed, listed.source, base_url))
    return crawl.recorder.run


@transaction.atomic
def save_incumbent_list(parsed: IncumbentList, source: Source, base_url: str) -> int:
    """Replace one session's elections and incumbents with what its page shows."""
    session = parsed.session
    IncumbentElection.objects.filter(session=session).delete()
    Incumbent.objects.filter(session=session).delete()
    IncumbentElection.objects.bulk_create(
        IncumbentElection(
            session=session,
            number=election.number,
            name=election.name,
            date=election.date,
            **source.fields(),
        )
        for election in parsed.elections
    )
    Incumbent.objects.bulk_create(
        Incumbent(
            session=session,
            vacant=person.filer_id is None and person.name.upper() == VACANT,
            **office_holder_fields(person, position, source, base_url),
        )
        for position, person in enumerate(parsed.incumbents)
    )
    return len(parsed.elections) + len(parsed.incumbents)
