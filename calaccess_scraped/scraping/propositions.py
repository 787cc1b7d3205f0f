"""Scraping every session's ballot measures and each measure's committees.

First every session's measure list is read and saved (elections and measures), then every
measure's detail page (its committees). A measure whose detail page cannot be fetched keeps the
committees an earlier scrape found.
"""

from __future__ import annotations

from django.db import transaction

from calaccess_scraped.fetching.client import WebsiteClient
from calaccess_scraped.models import (
    Proposition,
    PropositionCommittee,
    PropositionElection,
    ScrapeRun,
)
from calaccess_scraped.parsing.election_names import parse_measure_election_name
from calaccess_scraped.parsing.measure_committees import MeasureDetail, parse_measure_detail
from calaccess_scraped.parsing.propositions import (
    SESSION_NAVIGATION,
    MeasureList,
    parse_measure_list,
)
from calaccess_scraped.scraping.crawl import Crawl, website_scrape
from calaccess_scraped.scraping.lists import ListPages, crawl_lists
from calaccess_scraped.scraping.rows import Source
from calaccess_scraped.scraping.urls import (
    MEASURES_ENTRY,
    detail_url,
    measure_detail_url,
    measure_list_url,
)
from calaccess_toolkit.reporting import SILENT, Reporter

SCRAPER = "propositions"


def read_measure_list(body: bytes, url: str, _session: int) -> MeasureList:
    """A session's measure list; the page names its session only in its links."""
    return parse_measure_list(body, url)


MEASURE_LISTS = ListPages(
    entry_path=MEASURES_ENTRY,
    url=measure_list_url,
    navigation=SESSION_NAVIGATION.parse,
    read=read_measure_list,
    contents="ballot measures",
    choices="sessions",
)


def scrape_propositions(
    client: WebsiteClient, base_url: str, *, flush: bool = False, reporter: Reporter = SILENT
) -> ScrapeRun:
    """Scrape every session's measures and their committees; return the tracking row."""
    flushed = [PropositionElection]
    with website_scrape(
        SCRAPER, client, base_url, flush=flush, flushed=flushed, reporter=reporter
    ) as crawl:
        _scrape_details(crawl, _scrape_lists(crawl))
    return crawl.recorder.run


def _scrape_lists(crawl: Crawl) -> list[int]:
    """Save every session's measure list; return the ids of the measures listed."""
    measure_ids: list[int] = []
    for listed, parsed in crawl_lists(crawl, MEASURE_LISTS):
        if not parsed.elections:
            crawl.reporter.say(
                f"No measures are listed for the session {listed.entry.key} ({listed.source.url})"
            )
        session = listed.entry.key
        crawl.recorder.saved(save_measure_list(parsed, session, listed.source, crawl.base_url))
        measure_ids.extend(m.measure_id for e in parsed.elections for m in e.measures)
    return measure_ids


def _scrape_details(crawl: Crawl, measure_ids: list[int]) -> None:
    """Save the committees of every measure whose detail page can be read."""
    propositions = Proposition.objects.in_bulk(measure_ids, field_name="measure_id")
    crawl.reporter.say(f"Scraping the committees of {len(measure_ids)} measures")
    progress = crawl.reporter.progress(
        measure_ids, total=len(measure_ids), desc="Measures", unit="pages"
    )
    for measure_id in progress:
        proposition = propositions[measure_id]
        read = crawl.read_or_skip(proposition.detail_url, parse_measure_detail)
        if read is not None:
            detail, source = read
            crawl.recorder.saved(save_measure_detail(proposition, detail, source, crawl.base_url))


@transaction.atomic
def save_measure_list(parsed: MeasureList, session: int, source: Source, base_url: str) -> int:
    """Make one session's elections and measures match its page; committees are left alone."""
    kept_elections, kept_measures = [], []
    for election_order, listed in enumerate(parsed.elections):
        parts = parse_measure_election_name(listed.name)
        election, _ = PropositionElection.objects.update_or_create(
            session=session,
            name=listed.name,
            defaults={
                "type": parts.type,
                "date": parts.date,
                "sort_order": election_order,
                **source.fields(),
            },
        )
        kept_elections.append(election.pk)
        for order, measure in enumerate(listed.measures):
            Proposition.objects.update_or_create(
                measure_id=measure.measure_id,
                defaults={
                    "election": election,
                    "session": session,
                    "name": measure.name,
                    "sort_order": order,
                    "detail_url": measure_detail_url(base_url, measure.measure_id, measure.session),
                    **source.fields(),
                },
            )
            kept_measures.append(measure.measure_id)
    Proposition.objects.filter(session=session).exclude(measure_id__in=kept_measures).delete()
    PropositionElection.objects.filter(session=session).exclude(pk__in=kept_elections).delete()
    return len(kept_elections) + len(kept_measures)


@transaction.atomic
def save_measure_detail(
    proposition: Proposition, detail: MeasureDetail, source: Source, base_url: str
) -> int:
    """Replace one measure's committees with what its detail page shows."""
    proposition.committees.all().delete()
    PropositionCommittee.objects.bulk_create(
        PropositionCommittee(
            proposition=proposition,
            sort_order=position,
            committee_id=committee.committee_id,
            name=committee.name,
            position=committee.position,
            filer_id=committee.filer_id,
            detail_url=detail_url(base_url, committee.detail_path),
            **source.fields(),
        )
        for position, committee in enumerate(detail.committees)
    )
    Proposition.objects.filter(pk=proposition.pk).update(committees_scraped_at=source.scraped_at)
    return len(detail.committees)
