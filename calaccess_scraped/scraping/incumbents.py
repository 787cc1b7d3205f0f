"""Scraping the election dates and the incumbents of every two-year session."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from calaccess_scraped.fetching.client import WebsiteClient
from calaccess_scraped.fetching.errors import FetchError
from calaccess_scraped.models import Incumbent, IncumbentElection, ScrapeRun
from calaccess_scraped.parsing.incumbents import (
    IncumbentList,
    parse_incumbent_list,
    parse_session_navigation,
)
from calaccess_scraped.scraping.election_dates import date_candidate_elections
from calaccess_scraped.scraping.navigation import discover
from calaccess_scraped.scraping.recorder import recorded_scrape
from calaccess_scraped.scraping.reporter import SILENT, Reporter
from calaccess_scraped.scraping.urls import INCUMBENTS_ENTRY, incumbent_list_url, site_url

SCRAPER = "incumbents"
VACANT = "VACANT"


class WrongSession(FetchError):
    """The site answered a session's URL with the page of another session."""


def scrape_incumbents(
    client: WebsiteClient, base_url: str, *, flush: bool = False, reporter: Reporter = SILENT
) -> ScrapeRun:
    """Scrape every session's election dates and incumbents; return the tracking row."""
    options = {"flush": flush, "cache": client.mode.value}
    with recorded_scrape(
        SCRAPER, client=client, base_url=base_url, options=options, reporter=reporter
    ) as recorder:
        if flush:
            IncumbentElection.objects.all().delete()
            Incumbent.objects.all().delete()
        walk = discover(
            client,
            site_url(base_url, INCUMBENTS_ENTRY),
            parse_session_navigation,
            lambda session: incumbent_list_url(base_url, session),
            recorder,
        )
        sessions = list(walk.entries.values())
        reporter.say(f"Scraping the incumbents of {len(sessions)} sessions")
        progress = reporter.progress(sessions, total=len(sessions), desc="Sessions", unit="pages")
        for entry in progress:
            url = incumbent_list_url(base_url, entry.key)
            try:
                page = client.get(url)
            except FetchError as error:
                recorder.failed(url, error)
                continue
            parsed = parse_incumbent_list(page.body, url)
            if parsed.session != entry.key:
                recorder.failed(url, WrongSession(url, f"the page shows session {parsed.session}"))
                continue
            sessions.extend(walk.add(parsed.navigation))
            recorder.saved(save_incumbent_list(parsed, url, page.fetched_at, base_url))
        date_candidate_elections()
    return recorder.run


@transaction.atomic
def save_incumbent_list(
    parsed: IncumbentList, url: str, scraped_at: datetime, base_url: str
) -> int:
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
            url=url,
            scraped_at=scraped_at,
        )
        for election in parsed.elections
    )
    Incumbent.objects.bulk_create(
        Incumbent(
            session=session,
            sort_order=position,
            category=person.category,
            office=person.office,
            name=person.name,
            filer_id=person.filer_id,
            vacant=person.filer_id is None and person.name.upper() == VACANT,
            detail_url=site_url(base_url, person.detail_path) if person.detail_path else "",
            url=url,
            scraped_at=scraped_at,
        )
        for position, person in enumerate(parsed.incumbents)
    )
    return len(parsed.elections) + len(parsed.incumbents)
