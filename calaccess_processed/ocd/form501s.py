"""Candidacies from the Form 501 filings (candidate intention statements).

A Form 501 names a filer, an office (with a district for the Legislature), an election year and
type, and often a party. It is matched to a contest of a placed candidate list of that year and
type whose office it names: first the contest where the filer's person already stands, then one
where a candidate of the same name stands, then — when the office names one contest (a district
given, or a statewide office) — that contest. The 501 joins the candidacy it matched by filer id,
or by name when that candidate's person has no filer id and nobody holds the 501's (the person
then gets it); otherwise it is a candidacy of its own, of the filer's person: the website lacked
it, or the same-named candidate holds another filer id (people with different filer ids are never
one person by name). The merge by contest and name then collapses what is left.

A candidacy keeps its 501 filing ids (``extras["form501_filing_ids"]``) and the earliest date any
version was filed; a party missing from the website is filled from the latest 501 (after the
package's party corrections, which come first).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Min

from calaccess_processed.models import PROCESSED_MODELS
from calaccess_processed.models.ocd import (
    Candidacy,
    CandidateContest,
    ElectionIdentifier,
    Person,
    PersonIdentifier,
)
from calaccess_processed.ocd.candidate_contests import contest_id
from calaccess_processed.ocd.elections import CANDIDATE_SCHEME
from calaccess_processed.ocd.errors import UnknownOffice
from calaccess_processed.ocd.ids import make_slug, ocd_id
from calaccess_processed.ocd.offices import parse_office
from calaccess_processed.ocd.parties import ensure_party, party_name
from calaccess_processed.ocd.party_corrections import party_corrections
from calaccess_processed.ocd.people import (
    CERTIFIED,
    FILER_SCHEME,
    FORM501_IDS,
    PARTY_FROM_501,
    People,
    filer_person_id,
    name_key,
)
from calaccess_processed.ocd.syncing import add_missing, sync_by_id
from calaccess_scraped.models import Candidate, CandidateElection

FILED = "filed"
FILING = "Form501Filing"
VERSION = "Form501FilingVersion"


@dataclass(frozen=True)
class Result:
    joined_count: int
    added_count: int
    unmatched_count: int
    party_filled_count: int


@dataclass(frozen=True)
class Contest:
    id: str
    label: str
    post_id: str
    year: int
    type: str


def filer_key(filer_id: str) -> str:
    """A filer id as the website writes it (no leading zeros, no spaces)."""
    filer_id = filer_id.strip()
    return str(int(filer_id)) if filer_id.isdigit() else filer_id


def candidate_name(filing: Any) -> str:
    """``LAST, FIRST MIDDLE SUFFIX`` in capitals, as the candidate lists print names."""
    given = " ".join(
        part
        for part in (
            filing.candidate_firstname,
            filing.candidate_middlename,
            filing.candidate_name_suffix,
        )
        if part
    )
    return " ".join(f"{filing.candidate_lastname or ''}, {given}".upper().split()).strip(", ")


def office_label(filing: Any) -> tuple[str, bool]:
    """The office as the lists name it, and whether it names one seat (district or statewide)."""
    office = " ".join((filing.office_name or "").upper().split())
    district = (filing.district_name or "").strip()
    if district.isdigit() and int(district):
        return f"{office} {int(district):02d}", True
    try:
        parse_office(office)
    except UnknownOffice:
        return office, False
    return office, True


def _contests() -> dict[tuple[int, str], list[Contest]]:
    """The stored contests of every placed candidate list, by the list's year and type."""
    placed = set(
        ElectionIdentifier.objects.filter(scheme=CANDIDATE_SCHEME).values_list(
            "identifier", flat=True
        )
    )
    stored = set(CandidateContest.objects.values_list("pk", flat=True))
    lists = {
        e.election_id: e
        for e in CandidateElection.objects.exclude(year=None)
        if str(e.election_id) in placed
    }
    found: dict[tuple[int, str], dict[str, Contest]] = defaultdict(dict)
    offices = Candidate.objects.filter(election__election_id__in=list(lists)).values_list(
        "election__election_id", "office"
    )
    for election_id, office in sorted(set(offices)):
        election = lists[election_id]
        if election.year is None:
            continue
        parsed = parse_office(office)
        pk = contest_id(election, parsed.label)
        if pk in stored:
            found[(election.year, election.type)][pk] = Contest(
                pk, parsed.label, parsed.post_id, election.year, election.type
            )
    return {key: sorted(value.values(), key=lambda c: c.id) for key, value in found.items()}


def _filed_dates() -> dict[int, Any]:
    return dict(
        PROCESSED_MODELS[VERSION]
        ._default_manager.values("filing_id")
        .annotate(first=Min("date_filed"))
        .values_list("filing_id", "first")
    )


class _Matcher:
    """The stored candidacies of the contests, and those this run adds, to match 501s against."""

    def __init__(self, contests: list[Contest]) -> None:
        ids = [contest.id for contest in contests]
        self.candidacies: dict[str, dict[str, Any]] = {
            row["id"]: dict(row)
            for row in Candidacy.objects.filter(contest_id__in=ids).values(
                "id",
                "contest_id",
                "person_id",
                "candidate_name",
                "registration_status",
                "party_id",
                "extras",
                "filed_date",
            )
        }
        self.with_filer_id = set(
            PersonIdentifier.objects.filter(scheme=FILER_SCHEME).values_list("person_id", flat=True)
        )

    def in_contests(self, contests: list[Contest]) -> list[dict[str, Any]]:
        """The candidacies of these contests, the certified first."""
        ids = {contest.id for contest in contests}
        return sorted(
            (row for row in self.candidacies.values() if row["contest_id"] in ids),
            key=lambda row: (row["registration_status"] != CERTIFIED, row["id"]),
        )


def load_candidacies_from_501s(flush: bool = False) -> Result:
    """Join or add a candidacy for every Form 501 of a placed contest; see the module."""
    with transaction.atomic():
        if flush:
            flush_candidacies_from_501s()
        return _load()


def flush_candidacies_from_501s() -> None:
    """Delete the candidacies only 501s gave, and what 501s added to the website's."""
    Candidacy.objects.filter(registration_status=FILED).delete()
    changed = []
    for candidacy in Candidacy.objects.exclude(extras={}):
        extras = dict(candidacy.extras)
        if extras.pop(PARTY_FROM_501, False):
            candidacy.party_id = None
        extras.pop(FORM501_IDS, None)
        candidacy.extras, candidacy.filed_date = extras, None
        changed.append(candidacy)
    Candidacy.objects.bulk_update(changed, ["extras", "party_id", "filed_date"], batch_size=500)
    Person.objects.filter(candidacies__isnull=True, memberships__isnull=True).delete()


def _load() -> Result:
    people = People()
    contests = _contests()
    matcher = _Matcher([c for group in contests.values() for c in group])
    corrections = party_corrections()
    dates = _filed_dates()
    found: dict[str, dict[str, Any]] = {}  # candidacy id → the 501s' facts
    new_people: dict[str, dict[str, str]] = {}
    identifiers: set[tuple[str, str, str]] = set()
    unmatched = 0
    filings = (
        PROCESSED_MODELS[FILING]._default_manager.exclude(election_year=None).exclude(filer_id=None)
    )
    filing: Any  # a model derived from the specs: its fields are the declared ones
    for filing in filings.order_by("date_filed", "filing_id"):
        filer, name = filer_key(filing.filer_id), candidate_name(filing)
        label, one_seat = office_label(filing)
        options = [
            contest
            for contest in contests.get((filing.election_year, filing.election_type_name or ""), [])
            if contest.label == label or (not one_seat and contest.label.startswith(label + " "))
        ]
        if not filer or not options:
            unmatched += 1
            continue
        holder = people.holder(filer)
        rows = matcher.in_contests(options)
        by_filer = [row for row in rows if holder and row["person_id"] == holder]
        by_name = [row for row in rows if name_key(row["candidate_name"]) == name_key(name)]
        target: dict[str, Any]
        if by_filer:
            target = by_filer[0]
        elif by_name and holder is None and by_name[0]["person_id"] not in matcher.with_filer_id:
            target = by_name[0]  # the filer id is this candidate's: nobody else holds it
            identifiers.add((target["person_id"], FILER_SCHEME, filer))
            people.filer_holders[filer] = target["person_id"]
            matcher.with_filer_id.add(target["person_id"])
        else:
            contest = (
                next(c for c in options if c.id == by_name[0]["contest_id"])
                if by_name
                else (options[0] if one_seat and len(options) == 1 else None)
            )
            if contest is None:
                unmatched += 1
                continue
            person = holder or people.resolve(filer_person_id(filer))
            if person not in people.stored and person not in new_people:
                new_people[person] = {
                    "name": name,
                    "sort_name": name,
                    "slug": make_slug(name, filer),
                }
                identifiers.add((person, FILER_SCHEME, filer))
            people.filer_holders[filer] = person
            matcher.with_filer_id.add(person)
            correction = corrections.get((name, contest.year, contest.type, contest.label))
            target = matcher.candidacies.setdefault(
                ocd_id("candidacy", "form501", contest.id, filer),
                {
                    "id": ocd_id("candidacy", "form501", contest.id, filer),
                    "contest_id": contest.id,
                    "post_id": contest.post_id,
                    "person_id": person,
                    "candidate_name": name,
                    "registration_status": FILED,
                    "party_id": None,
                    "extras": {},
                    "filed_date": None,
                    "new": True,
                    "correction": party_name(correction) if correction else None,
                },
            )
        facts = found.setdefault(target["id"], {"filings": set(), "dates": [], "party": None})
        facts["filings"].add(filing.filing_id)
        if dates.get(filing.filing_id):
            facts["dates"].append(dates[filing.filing_id])
        if filing.party_name and party_name(filing.party_name):
            facts["party"] = party_name(filing.party_name)  # the latest filed wins
    return _save(matcher, found, new_people, identifiers, unmatched)


def _save(
    matcher: _Matcher,
    found: dict[str, dict[str, Any]],
    new_people: dict[str, dict[str, str]],
    identifiers: set[tuple[str, str, str]],
    unmatched: int,
) -> Result:
    sync_by_id(Person, new_people)
    add_missing(PersonIdentifier, ("person_id", "scheme", "identifier"), identifiers)
    rows: dict[str, dict[str, Any]] = {}
    filled = joined = added = 0
    for pk, facts in sorted(found.items()):
        candidacy = matcher.candidacies[pk]
        extras = dict(candidacy["extras"] or {})
        extras[FORM501_IDS] = sorted(facts["filings"])
        row: dict[str, Any] = {
            "extras": extras,
            "filed_date": min(facts["dates"]) if facts["dates"] else None,
        }
        party = candidacy["party_id"]
        if candidacy.get("new"):
            row.update(
                {
                    key: candidacy[key]
                    for key in ("contest_id", "person_id", "candidate_name", "post_id")
                },
                registration_status=FILED,
            )
            party = ensure_party(candidacy["correction"]).id if candidacy["correction"] else None
        if candidacy["registration_status"] == FILED:
            added += 1
        else:
            joined += 1
        if party is None and facts["party"]:
            party = ensure_party(facts["party"]).id
            extras[PARTY_FROM_501] = True
        if extras.get(PARTY_FROM_501):
            filled += 1
        row["party_id"] = party
        rows[pk] = row
    new = {pk: row for pk, row in rows.items() if matcher.candidacies[pk].get("new")}
    sync_by_id(Candidacy, new)
    sync_by_id(Candidacy, {pk: row for pk, row in rows.items() if pk not in new})
    return Result(joined, added, unmatched, filled)
