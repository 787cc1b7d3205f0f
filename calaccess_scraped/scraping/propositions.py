"""Scraping every session's ballot measures and each measure's committees.

First every session's measure list is read and saved (elections and measures), then every
measure's detail page (its committees). A measure whose detail page cannot be fetched keeps the
committees an earlier scrape found.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from calaccess_scraped.fetching.client import WebsiteClient
from calaccess_scraped.fetching.errors import FetchError
from calaccess_scraped.models import (
    Proposition,
    PropositionCommittee,
    PropositionElection,
    ScrapeRun,
)
from calaccess_scraped.parsing.election_names import parse_measure_election_name
from calaccess_scraped.parsing.measure_committees import MeasureDetail, parse_measure_detail
from calaccess_scraped.parsing.propositions import (
    MeasureList,
    parse_measure_list,
    parse_measure_navigation,
)
from calaccess_scraped.scraping.navigation import discover
from calaccess_scraped.scraping.recorder import ScrapeRecorder, recorded_scrape
from calaccess_scraped.scraping.reporter import SILENT, Reporter
from calaccess_scraped.scraping.urls import (
    MEASURES_ENTRY,
    measure_detail_url,
    measure_list_url,
    site_url,
)

SCRAPER = "propositions"


def scrape_propositions(
    client: WebsiteClient, base_url: str, *, flush: bool = False, reporter: Reporter = SILENT
) -> ScrapeRun:
    """Scrape every session's measures and their committees; return the tracking row."""
    options = {"flush": flush, "cache": client.mode.value}
    with recorded_scrape(
        SCRAPER, client=client, base_url=base_url, options=options, reporter=reporter
    ) as recorder:
        if flush:
            PropositionElection.objects.all().delete()
        measure_ids = _scrape_lists(client, base_url, recorder, reporter)
        _scrape_details(client, base_url, measure_ids, recorder, reporter)
    return recorder.run


def _scrape_lists(
    client: WebsiteClient, base_url: str, recorder: ScrapeRecorder, reporter: Reporter
) -> list[int]:
    walk = discover(
        client,
        site_url(base_url, MEASURES_ENTRY),
        parse_measure_navigation,
        lambda session: measure_list_url(base_url, session),
        recorder,
    )
    sessions = list(walk.entries.values())
    reporter.say(f"Scraping the ballot measures of {len(sessions)} sessions")
    measure_ids: list[int] = []
    for entry in reporter.progress(sessions, total=len(sessions), desc="Sessions", unit="pages"):
        url = measure_list_url(base_url, entry.key)
        try:
            page = client.get(url)
        except FetchError as error:
            recorder.failed(url, error)
            continue
        parsed = parse_measure_list(page.body, url)
        sessions.extend(walk.add(parsed.navigation))
        if not parsed.elections:
            reporter.say(f"No measures are listed for the session {entry.key} ({url})")
        recorder.saved(save_measure_list(parsed, entry.key, url, page.fetched_at, base_url))
        measure_ids.extend(m.measure_id for e in parsed.elections for m in e.measures)
    return measure_ids


def _scrape_details(
    client: WebsiteClient,
    base_url: str,
    measure_ids: list[int],
    recorder: ScrapeRecorder,
    reporter: Reporter,
) -> None:
    propositions = Proposition.objects.in_bulk(measure_ids, field_name="measure_id")
    reporter.say(f"Scraping the committees of {len(measure_ids)} measures")
    for measure_id in reporter.progress(
        measure_ids, total=len(measure_ids), desc="Measures", unit="pages"
    ):
        proposition = propositions[measure_id]
        url = proposition.detail_url
        try:
            page = client.get(url)
        except FetchError as error:
            recorder.failed(url, error)
            continue
        detail = parse_measure_detail(page.body, url)
        recorder.saved(save_measure_detail(proposition, detail, url, page.fetched_at, base_url))


@transaction.atomic
def save_measure_list(
    parsed: MeasureList, session: int, url: str, scraped_at: datetime, base_url: str
) -> int:
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
                "url": url,
                "scraped_at": scraped_at,
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
                    "url": url,
                    "scraped_at": scraped_at,
                },
            )
            kept_measures.append(measure.measure_id)
    Proposition.objects.filter(session=session).exclude(measure_id__in=kept_measures).delete()
    PropositionElection.objects.filter(session=session).exclude(pk__in=kept_elections).delete()
    return len(kept_elections) + len(kept_measures)


@transaction.atomic
def save_measure_detail(
    proposition: Proposition, detail: MeasureDetail, url: str, scraped_at: datetime, base_url: str
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
            detail_url=site_url(base_url, committee.detail_path) if committee.detail_path else "",
            url=url,
            scraped_at=scraped_at,
        )
        for position, committee in enumerate(detail.committees)
    )
    Proposition.objects.filter(pk=proposition.pk).update(committees_scraped_at=scraped_at)
    return len(detail.committees)
