"""Elections: one per date, from the measure lists and the candidate lists of the website.

The site lists the same election day twice — "NOVEMBER 7, 2000, GENERAL" with its measures,
"2000 GENERAL" with its candidates — and a special election held with a regular one shares its
day. Both become one ``Election``, whose id is made from the date; each scraped list that names it
is kept as an identifier and a source. The name is the candidate list's regular election (the name
readers know), else a special one, else the measure list's: the same whichever step ran first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import transaction

from calaccess_processed.models.ocd import Election, ElectionIdentifier, ElectionSource
from calaccess_processed.ocd.divisions import STATE_DIVISION
from calaccess_processed.ocd.election_dates import candidate_election_date
from calaccess_processed.ocd.errors import ElectionsUndated
from calaccess_processed.ocd.ids import make_slug, ocd_id
from calaccess_scraped.models import CandidateElection, PropositionElection

MEASURE_SCHEME = "calaccess_measure_election"
CANDIDATE_SCHEME = "calaccess_election_id"


def election_id(day: date) -> str:
    return ocd_id("election", day.isoformat())


def measure_election_key(election: PropositionElection) -> str:
    return f"{election.session}:{election.name}"


def flush_elections(scheme: str) -> None:
    """Forget one list's identifiers and sources; delete the elections no list names any more."""
    ElectionIdentifier.objects.filter(scheme=scheme).delete()
    Election.objects.filter(identifiers__isnull=True).delete()


def _record(day: date, name: str, scheme: str, identifier: str, url: str, rename: bool) -> None:
    election, created = Election.objects.get_or_create(
        id=election_id(day),
        defaults={
            "name": name,
            "date": day,
            "division_id": STATE_DIVISION,
            "slug": make_slug(day.isoformat(), "election"),
        },
    )
    if rename and not created and election.name != name:
        Election.objects.filter(pk=election.pk).update(name=name)
    ElectionIdentifier.objects.get_or_create(
        election=election, scheme=scheme, identifier=identifier
    )
    ElectionSource.objects.get_or_create(election=election, url=url)


def load_ballot_measure_elections(flush: bool = False) -> int:
    """An election for every measure list's election; return how many lists were placed."""
    scraped = list(PropositionElection.objects.order_by("session", "sort_order"))
    undated = [election.name for election in scraped if election.date is None]
    with transaction.atomic():
        if flush:
            flush_elections(MEASURE_SCHEME)
        for election in scraped:
            if election.date is not None:
                key = measure_election_key(election)
                _record(election.date, election.name, MEASURE_SCHEME, key, election.url, False)
    if undated:
        raise ElectionsUndated(undated)
    return len(scraped)


def _by_preference(elections: Iterable[CandidateElection]) -> list[CandidateElection]:
    """Regular elections before specials, then in the site's order."""
    return sorted(elections, key=lambda e: (e.type.startswith("SPECIAL"), e.sort_order))


def load_candidate_elections(flush: bool = False) -> int:
    """An election for every candidate list's election with a known date; the undated ones are
    named in the error raised once the others are saved. Return how many were placed."""
    by_day: dict[date, list[CandidateElection]] = defaultdict(list)
    undated = []
    for election in CandidateElection.objects.order_by("sort_order", "election_id"):
        day = candidate_election_date(election)
        if day is None:
            undated.append(f"{election.name} (#{election.election_id})")
        else:
            by_day[day].append(election)
    with transaction.atomic():
        if flush:
            flush_elections(CANDIDATE_SCHEME)
        for day, elections in sorted(by_day.items()):
            preferred = _by_preference(elections)
            for election in preferred:
                identifier = str(election.election_id)
                _record(day, preferred[0].name, CANDIDATE_SCHEME, identifier, election.url, True)
    if undated:
        raise ElectionsUndated(undated)
    return sum(len(elections) for elections in by_day.values())


def election_for_candidate_list(election: CandidateElection) -> Election | None:
    """The OCD election a candidate list was placed in (None when it has no known date)."""
    return Election.objects.filter(
        identifiers__scheme=CANDIDATE_SCHEME, identifiers__identifier=str(election.election_id)
    ).first()
