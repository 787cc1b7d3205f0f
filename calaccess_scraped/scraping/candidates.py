"""Scraping the certified candidates of every election the site lists."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from calaccess_scraped.fetching.client import WebsiteClient
from calaccess_scraped.fetching.errors import FetchError
from calaccess_scraped.models import Candidate, CandidateElection, ScrapeRun
from calaccess_scraped.parsing.candidates import (
    CandidateList,
    parse_candidate_list,
    parse_election_navigation,
)
from calaccess_scraped.parsing.election_names import parse_candidate_election_name
from calaccess_scraped.scraping.election_dates import date_candidate_elections
from calaccess_scraped.scraping.navigation import discover
from calaccess_scraped.scraping.recorder import recorded_scrape
from calaccess_scraped.scraping.reporter import SILENT, Reporter
from calaccess_scraped.scraping.urls import CANDIDATES_ENTRY, candidate_list_url, site_url

SCRAPER = "candidates"


def scrape_candidates(
    client: WebsiteClient, base_url: str, *, flush: bool = False, reporter: Reporter = SILENT
) -> ScrapeRun:
    """Scrape every election's certified candidates; return the tracking row."""
    options = {"flush": flush, "cache": client.mode.value}
    with recorded_scrape(
        SCRAPER, client=client, base_url=base_url, options=options, reporter=reporter
    ) as recorder:
        if flush:
            CandidateElection.objects.all().delete()
        walk = discover(
            client,
            site_url(base_url, CANDIDATES_ENTRY),
            parse_election_navigation,
            lambda election_id: candidate_list_url(base_url, election_id),
            recorder,
        )
        elections = list(walk.entries.values())
        reporter.say(f"Scraping the candidates of {len(elections)} elections")
        for order, entry in enumerate(
            reporter.progress(elections, total=len(elections), desc="Elections", unit="pages")
        ):
            url = candidate_list_url(base_url, entry.key)
            try:
                page = client.get(url)
            except FetchError as error:
                recorder.failed(url, error)
                continue
            parsed = parse_candidate_list(page.body, url, entry.key)
            elections.extend(walk.add(parsed.navigation))
            recorder.saved(save_candidate_list(parsed, url, page.fetched_at, order, base_url))
        date_candidate_elections()
    return recorder.run


@transaction.atomic
def save_candidate_list(
    parsed: CandidateList, url: str, scraped_at: datetime, order: int, base_url: str
) -> int:
    """Replace one election and its candidates with what its page shows; return rows saved."""
    name = parsed.election.label
    parts = parse_candidate_election_name(name)
    election, _ = CandidateElection.objects.update_or_create(
        election_id=parsed.election.key,
        defaults={
            "name": name,
            "type": parts.type,
            "seat": parts.seat,
            "year": parts.year,
            "sort_order": order,
            "url": url,
            "scraped_at": scraped_at,
        },
    )
    election.candidates.all().delete()
    Candidate.objects.bulk_create(
        Candidate(
            election=election,
            sort_order=position,
            category=person.category,
            office=person.office,
            name=person.name,
            filer_id=person.filer_id,
            detail_url=site_url(base_url, person.detail_path) if person.detail_path else "",
            url=url,
            scraped_at=scraped_at,
        )
        for position, person in enumerate(parsed.candidates)
    )
    return 1 + len(parsed.candidates)
