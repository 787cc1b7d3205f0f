"""Officeholders of each session, from the incumbent lists: memberships and incumbent flags.

Each listed holder of a seat in a two-year session is one ``Membership`` of the office's
organization and post, for the session's years. The holder is the person of their filer id (the
same person as the candidate of that id); a holder listed without one is a person of that office
by name. Then every candidacy in an election of a session whose incumbents were scraped says
whether its person held the contest's post then.

A session's list shows who held each seat when it was captured, not on each election day: the
2017 list names LING LING CHANG for Senate district 29, who replaced the member recalled in 2018.
A seat that changed hands mid-session flags the later holder; recalls are linked to the
recalled officeholder's membership by :mod:`.recalls`, re-run here since this step rebuilds the
memberships. People go through :class:`~calaccess_processed.ocd.people.People`, as the candidate
contests' do, and one person's memberships are one per post and term.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from calaccess_processed.models.ocd import (
    Candidacy,
    Membership,
    Person,
    PersonIdentifier,
    PersonSource,
)
from calaccess_processed.ocd.election_dates import session_of
from calaccess_processed.ocd.ids import make_slug, ocd_id
from calaccess_processed.ocd.offices import parse_office, save_offices
from calaccess_processed.ocd.people import FILER_SCHEME, People
from calaccess_processed.ocd.recalls import link_recalled_memberships
from calaccess_processed.ocd.syncing import add_missing, sync_by_id
from calaccess_scraped.models import Incumbent

SESSION_YEARS = 2


@dataclass(frozen=True)
class Result:
    membership_count: int
    incumbent_candidacy_count: int


def person_id(incumbent: Incumbent, office: str, people: People) -> str:
    if incumbent.filer_id:
        return people.for_filer(incumbent.filer_id)
    return people.resolve(ocd_id("person", "officeholder", office, incumbent.name))


def flush_officeholders() -> None:
    """Delete every membership, and the people no candidacy names."""
    Membership.objects.all().delete()
    Candidacy.objects.update(is_incumbent=None)
    Person.objects.filter(candidacies__isnull=True, memberships__isnull=True).delete()


def _memberships(
    holders: list[Incumbent],
) -> tuple[
    dict[str, dict[str, Any]],
    dict[str, dict[str, str]],
    set[tuple[str, str, str]],
    set[tuple[str, str]],
]:
    memberships: dict[str, dict[str, Any]] = {}
    people: dict[str, dict[str, str]] = {}
    identifiers: set[tuple[str, str, str]] = set()
    sources: set[tuple[str, str]] = set()
    people_index = People()
    for holder in holders:
        office = parse_office(holder.office)
        person = person_id(holder, office.label, people_index)
        people.setdefault(
            person,
            {
                "name": holder.name,
                "sort_name": holder.name,
                "slug": make_slug(holder.name, holder.filer_id or person[-12:]),
            },
        )
        if holder.filer_id:
            identifiers.add((person, FILER_SCHEME, str(holder.filer_id)))
        if holder.detail_url:
            sources.add((person, holder.detail_url))
        key = (holder.session, office.label, holder.filer_id or holder.name)
        memberships[ocd_id("membership", *key)] = {
            "organization_id": office.organization_id,
            "post_id": office.post_id,
            "person_id": person,
            "person_name": holder.name,
            "role": office.role,
            "start_date": str(holder.session),
            "end_date": str(holder.session + SESSION_YEARS - 1),
        }
    return _one_per_term(memberships), people, identifiers, sources


def _one_per_term(memberships: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """One membership per person, post and term (the first id), as a merge leaves them."""
    kept: dict[tuple, str] = {}
    for pk in sorted(memberships):
        row = memberships[pk]
        kept.setdefault(
            (row["person_id"], row["organization_id"], row["post_id"], row["start_date"]), pk
        )
    return {pk: memberships[pk] for pk in sorted(kept.values())}


def _flag_incumbents() -> int:
    """Set ``is_incumbent`` on every candidacy of a session whose officeholders are known."""
    sessions = set(Incumbent.objects.values_list("session", flat=True))
    held = set(Membership.objects.values_list("person_id", "post_id", "start_date"))
    changed = []
    for candidacy in Candidacy.objects.select_related("contest__election"):
        session = session_of(candidacy.contest.election.date.year)
        flag = (
            (candidacy.person_id, candidacy.post_id, str(session)) in held
            if session in sessions
            else None
        )
        if candidacy.is_incumbent != flag:
            candidacy.is_incumbent = flag
            changed.append(candidacy)
    Candidacy.objects.bulk_update(changed, ["is_incumbent"], batch_size=500)
    return Candidacy.objects.filter(is_incumbent=True).count()


def load_incumbent_officeholders(flush: bool = False) -> Result:
    """Memberships of every listed officeholder, and the incumbent flags of candidacies."""
    holders = list(Incumbent.objects.filter(vacant=False).order_by("-session", "sort_order"))
    with transaction.atomic():
        if flush:  # before planning: the plan reads the people that remain
            flush_officeholders()
        memberships, people, identifiers, sources = _memberships(holders)
        save_offices([parse_office(office) for office in {h.office for h in holders}])
        stored = set(Person.objects.filter(pk__in=list(people)).values_list("pk", flat=True))
        sync_by_id(Person, {pk: row for pk, row in people.items() if pk not in stored})
        add_missing(PersonIdentifier, ("person_id", "scheme", "identifier"), identifiers)
        add_missing(PersonSource, ("person_id", "url"), sources)
        sync_by_id(Membership, memberships)
        incumbents = _flag_incumbents()
        link_recalled_memberships()
    return Result(len(memberships), incumbents)
