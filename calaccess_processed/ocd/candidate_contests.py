"""Candidate contests, their posts, the people standing and their candidacies.

Every office of every placed candidate list (see :mod:`.elections`) is one ``CandidateContest``;
a special election's contests are for the rest of a term (``previous_term_unexpired``), and a
special runoff's contest names the special election's contest it decides. Every certified
candidate is one ``Candidacy``. A candidate with a filer id is one ``Person`` across every list
(the newest list's spelling is the name; other spellings are kept as other names); one without is
a person of that contest only, since a name alone never identifies a person. People go through
:class:`~calaccess_processed.ocd.people.People`: a filer id some person already holds is theirs,
a merged-away person's candidacies are the survivor's (one per contest), and a survivor keeps its
name, so a rerun after the merges changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from calaccess_processed.models.ocd import (
    Candidacy,
    CandidateContest,
    CandidateContestPost,
    CandidateContestSource,
    Person,
    PersonIdentifier,
    PersonName,
    PersonSource,
)
from calaccess_processed.ocd.elections import election_for_candidate_list
from calaccess_processed.ocd.ids import make_slug, ocd_id
from calaccess_processed.ocd.offices import Office, parse_office, save_offices
from calaccess_processed.ocd.parties import ensure_party, party_name
from calaccess_processed.ocd.party_corrections import party_corrections
from calaccess_processed.ocd.people import CERTIFIED, FILER_SCHEME, People, forget_merges
from calaccess_processed.ocd.syncing import add_missing, sync_by_id
from calaccess_scraped.models import Candidate, CandidateElection


@dataclass
class Plan:
    """Every row the scrape calls for, keyed as the tables are."""

    offices: dict[str, Office] = field(default_factory=dict)
    contests: dict[str, dict] = field(default_factory=dict)
    contest_posts: set[tuple] = field(default_factory=set)
    contest_sources: set[tuple] = field(default_factory=set)
    people: dict[str, dict] = field(default_factory=dict)
    person_identifiers: set[tuple] = field(default_factory=set)
    person_names: set[tuple] = field(default_factory=set)
    #: (person, name) of every candidate, for the other names once each person's name is known.
    candidate_names: set[tuple] = field(default_factory=set)
    person_sources: set[tuple] = field(default_factory=set)
    candidacies: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    contest_count: int
    candidacy_count: int
    person_count: int
    corrected_party_count: int
    unplaced_election_count: int


def contest_id(election: CandidateElection, office: str) -> str:
    return ocd_id("contest", "office", election.election_id, office)


def _person_id(candidate: Candidate, contest: str, people: People) -> str:
    if candidate.filer_id:
        return people.for_filer(candidate.filer_id)
    return people.resolve(ocd_id("person", "candidate", contest, candidate.name))


def _runoff_parents(elections: list[CandidateElection]) -> dict[int, CandidateElection]:
    """Each special runoff's special election: the nearest older one for the same seat."""
    parents = {}
    for runoff in elections:
        if runoff.type != "SPECIAL RUNOFF":
            continue
        older = [
            e
            for e in elections
            if e.type == "SPECIAL ELECTION"
            and e.seat == runoff.seat
            and e.sort_order > runoff.sort_order
        ]
        if older:
            parents[runoff.election_id] = min(older, key=lambda e: e.sort_order)
    return parents


def plan_contests() -> tuple[Plan, int]:
    """The rows of every placed candidate list, newest list first; and the unplaced count."""
    plan = Plan()
    people = People()
    corrections = party_corrections()
    scraped = list(CandidateElection.objects.order_by("sort_order", "election_id"))
    parents = _runoff_parents(scraped)
    unplaced = 0
    for election in scraped:
        placed = election_for_candidate_list(election)
        if placed is None:
            unplaced += 1
            continue
        for candidate in election.candidates.order_by("sort_order"):
            office = plan.offices.setdefault(candidate.office, parse_office(candidate.office))
            contest = contest_id(election, office.label)
            parent = parents.get(election.election_id)
            plan.contests.setdefault(
                contest,
                {
                    "name": office.label,
                    "election_id": placed.id,
                    "division_id": office.division,
                    "previous_term_unexpired": election.type.startswith("SPECIAL"),
                    "runoff_for_contest_id": contest_id(parent, office.label) if parent else None,
                    "slug": make_slug(office.label, election.name, election.election_id),
                },
            )
            plan.contest_posts.add((contest, office.post_id))
            plan.contest_sources.add((contest, candidate.url))
            person = _person_id(candidate, contest, people)
            plan.people.setdefault(
                person,
                {
                    "name": candidate.name,
                    "sort_name": candidate.name,
                    "slug": make_slug(candidate.name, candidate.filer_id or person[-12:]),
                },
            )
            plan.candidate_names.add((person, candidate.name))
            if candidate.filer_id:
                plan.person_identifiers.add((person, FILER_SCHEME, str(candidate.filer_id)))
            if candidate.detail_url:
                plan.person_sources.add((person, candidate.detail_url))
            # The corrections name the election's year: a list without one has none to match.
            label = (
                corrections.get((candidate.name, election.year, election.type, office.label))
                if election.year is not None
                else None
            )
            plan.candidacies[
                ocd_id(
                    "candidacy",
                    election.election_id,
                    office.label,
                    candidate.name,
                    candidate.filer_id,
                )
            ] = {
                "person_id": person,
                "post_id": office.post_id,
                "contest_id": contest,
                "candidate_name": candidate.name,
                "registration_status": CERTIFIED,
                "party_id": party_name(label) if label else None,
            }
    _keep_survivor_names(plan, people)
    _collapse_candidacies(plan)
    return plan, unplaced


def _keep_survivor_names(plan: Plan, people: People) -> None:
    """A person others were merged into keeps its name; the other spellings are other names."""
    names = {pk: row["name"] for pk, row in plan.people.items()}
    survivors = [pk for pk in plan.people if people.is_stored_survivor(pk)]
    names.update(Person.objects.filter(pk__in=survivors).values_list("pk", "name"))
    for pk in survivors:
        del plan.people[pk]
    plan.person_names = {(pk, name) for pk, name in plan.candidate_names if name != names[pk]}


def _collapse_candidacies(plan: Plan) -> None:
    """One candidacy per person and contest (the first id), as a merge leaves it."""
    kept: dict[tuple[str, str], str] = {}
    for pk in sorted(plan.candidacies):
        row = plan.candidacies[pk]
        key = (row["contest_id"], row["person_id"])
        if key not in kept:
            kept[key] = pk
            continue
        first = plan.candidacies[kept[key]]
        first["party_id"] = first["party_id"] or row["party_id"]
        del plan.candidacies[pk]


def flush_candidate_contests() -> None:
    """Delete every contest and candidacy, every person (their memberships with them) and the
    merge log: the people are rebuilt from scratch, and merged again the same way."""
    CandidateContest.objects.all().delete()
    Person.objects.all().delete()
    forget_merges()


def load_candidate_contests(flush: bool = False) -> Result:
    """Write every contest, post, person and candidacy of the placed candidate lists."""
    with transaction.atomic():
        if flush:  # before planning: the plan reads the people and merges that remain
            flush_candidate_contests()
        plan, unplaced = plan_contests()
        parties = {row["party_id"] for row in plan.candidacies.values() if row["party_id"]}
        party_ids = {name: ensure_party(name).id for name in sorted(parties)}
        for row in plan.candidacies.values():
            row["party_id"] = party_ids.get(row["party_id"])
        save_offices(list(plan.offices.values()))
        runoffs = {
            pk: {"runoff_for_contest_id": parent if parent in plan.contests else None}
            for pk, parent in (
                (pk, row.pop("runoff_for_contest_id")) for pk, row in plan.contests.items()
            )
        }
        sync_by_id(CandidateContest, plan.contests)
        sync_by_id(CandidateContest, runoffs)  # once every contest exists: MySQL checks at once
        add_missing(CandidateContestPost, ("contest_id", "post_id"), plan.contest_posts)
        add_missing(CandidateContestSource, ("contest_id", "url"), plan.contest_sources)
        sync_by_id(Person, plan.people)
        add_missing(
            PersonIdentifier, ("person_id", "scheme", "identifier"), plan.person_identifiers
        )
        add_missing(PersonName, ("person_id", "name"), plan.person_names)
        add_missing(PersonSource, ("person_id", "url"), plan.person_sources)
        # A party comes from a correction; without one, whatever a later step found is kept.
        sync_by_id(
            Candidacy,
            {
                pk: {k: v for k, v in row.items() if k != "party_id"}
                for pk, row in plan.candidacies.items()
            },
        )
        sync_by_id(
            Candidacy,
            {
                pk: {"party_id": row["party_id"]}
                for pk, row in plan.candidacies.items()
                if row["party_id"]
            },
        )
    return Result(
        contest_count=len(plan.contests),
        candidacy_count=len(plan.candidacies),
        person_count=len(plan.people),
        corrected_party_count=sum(1 for row in plan.candidacies.values() if row["party_id"]),
        unplaced_election_count=unplaced,
    )
