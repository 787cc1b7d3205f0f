"""A candidate's page: elections and contests, party, incumbency and terms, controlled
committees with their processed totals, and Form 501 statements of intention."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Sum

from calaccess_processed.models import PROCESSED_MODELS, CandidateCommittee, FilerYearTotal
from calaccess_processed.models.ocd import Candidacy, Membership, Person, PersonIdentifier

from . import NotFound

FILER_ID_SCHEME = "calaccess_filer_id"
TOTAL_FIELDS = (
    "total_contributions",
    "total_expenditures_made",
    "monetary_contributions_with_late",
)


@dataclass
class CandidatePage:
    key: str
    name: str
    person: Person | None
    filer_id: str
    candidacies: list[Candidacy]
    memberships: list[Membership]
    committees: list[dict[str, Any]]
    statements: list[dict[str, Any]]

    @property
    def parties(self) -> list[str]:
        names = [c.party.name for c in self.candidacies if c.party]
        names += [s["party_name"] for s in self.statements if s["party_name"]]
        return sorted(set(names))


def committee_totals(
    committee_ids: list[int], years: tuple[int, ...] | None = None
) -> dict[int, dict[str, Any]]:
    """Each committee's processed totals summed over its years (or the years given)."""
    totals = FilerYearTotal.objects.filter(filer_internal_id__in=committee_ids)
    if years:
        totals = totals.filter(calendar_year__in=years)
    rows = totals.values("filer_internal_id").annotate(**{f: Sum(f) for f in TOTAL_FIELDS})
    return {row["filer_internal_id"]: row for row in rows}


def controlled_committees(filer_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Per candidate filer id, the committees they control (one row per committee)."""
    found: dict[int, dict[int, dict[str, Any]]] = {}
    links = CandidateCommittee.objects.filter(candidate_filer_id__in=filer_ids)
    for link in links.order_by("committee_filer_id", "-session").values():
        committees = found.setdefault(link["candidate_filer_id"], {})
        committees.setdefault(link["committee_filer_id"], dict(link))
    return {candidate: list(rows.values()) for candidate, rows in found.items()}


def _person(key: str) -> tuple[Person | None, str]:
    if key.startswith("ocd-person/"):
        person = Person.objects.filter(id=key).first()
        if person is None:
            raise NotFound(f"no candidate has the id {key!r}")
        identifier = person.identifiers.filter(scheme=FILER_ID_SCHEME).first()
        return person, identifier.identifier if identifier else ""
    identifier = (
        PersonIdentifier.objects.select_related("person")
        .filter(scheme=FILER_ID_SCHEME, identifier=key)
        .first()
    )
    return (identifier.person if identifier else None), key


def candidate_page(key: str) -> CandidatePage:
    """By OCD person id (``ocd-person/…``) or filer id."""
    person, filer_id = _person(key)
    # By the numeric id when there is one: the processed filings index it, not the cover's text.
    by_id = {"filer_internal_id": int(filer_id)} if filer_id.isdigit() else {"filer_id": filer_id}
    statements = list(
        PROCESSED_MODELS["Form501Filing"]
        ._default_manager.filter(**by_id)
        .order_by("-election_year", "-filing_id")
        .values()
        if filer_id
        else []
    )
    if person is None and not statements:
        raise NotFound(f"no candidate has the filer id {key!r}")
    candidacies = (
        list(
            person.candidacies.select_related("contest__election", "post", "party").order_by(
                "-contest__election__date"
            )
        )
        if person
        else []
    )
    memberships = (
        list(person.memberships.select_related("post", "organization").order_by("-start_date"))
        if person
        else []
    )
    committees = (
        controlled_committees([int(filer_id)]).get(int(filer_id), []) if filer_id.isdigit() else []
    )
    totals = committee_totals([c["committee_filer_id"] for c in committees])
    for committee in committees:
        committee["totals"] = totals.get(committee["committee_filer_id"])
    name = (
        person.name
        if person
        else " ".join(
            filter(
                None, (statements[0]["candidate_firstname"], statements[0]["candidate_lastname"])
            )
        )
    )
    return CandidatePage(
        key, name, person, filer_id, candidacies, memberships, committees, statements
    )
