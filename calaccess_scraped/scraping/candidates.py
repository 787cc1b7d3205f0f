"""Scraping the certified candidates of every election the site lists."""

from __future__ import annotations

from django.db import transaction

from calaccess_scraped.fetching.client import WebsiteClient
from calaccess_scraped.models import Candidate, CandidateElection, ScrapeRun
from calaccess_scraped.parsing.candidates import (
    ELECTION_NAVIGATION,
    CandidateList,
    parse_candidate_list,
)
from calaccess_scraped.parsing.election_names import parse_candidate_election_name
from calaccess_scraped.scraping.crawl import website_scrape
from calaccess_scraped.scraping.lists import ListPages, crawl_lists
from calaccess_scraped.scraping.rows import Source, office_holder_fields
from calaccess_scraped.scraping.urls import CANDIDATES_ENTRY, candidate_list_url
from calaccess_toolkit.reporting import SILENT, Reporter

SCRAPER = "candidates"
ELECTION_LISTS = ListPages(
    entry_path=CANDIDATES_ENTRY,
    url=candidate_list_url,
    navigation=ELECTION_NAVIGATION.parse,
    read=parse_candidate_list,
    contents="candidates",
    choices="elections",
)


def scrape_candidates(
    client: WebsiteClient, base_url: str, *, flush: bool = False, reporter: Reporter = SILENT
) -> ScrapeRun:
    """Scrape every election's certified candidates; return the tracking row."""
    flushed = [CandidateElection]
    with website_scrape(
        SCRAPER, client, base_url, flush=flush, flushed=flushed, reporter=reporter
    ) as crawl:
        for listed, parsed in crawl_lists(crawl, ELECTION_LISTS):
            rows = save_candidate_list(parsed, listed.source, listed.order, base_url)
            crawl.recorder.saved(rows)
    return crawl.recorder.run


@transaction.atomic
def save_candidate_list(parsed: CandidateList, source: Source, order: int, base_url: str) -> int:
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
            **source.fields(),
        },
    )
    election.candidates.all().delete()
    Candidate.objects.bulk_create(
        Candidate(election=election, **office_holder_fields(person, position, source, base_url))
        for position, person in enumerate(parsed.candidates)
    )
    return 1 + len(parsed.candidates)
