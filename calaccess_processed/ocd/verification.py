"""Checks that the OCD tables say what the scrape says, whichever steps filled them.

Each check reads the tables as they are (so it also covers merges and the candidacies added from
Form 501s) and yields one line per thing that is wrong:

- **expected regular contests**: every scraped regular candidate list (PRIMARY, GENERAL) placed
  in an election has a contest for each office the declared table
  ``data/expected_regular_contests.csv`` expects that year (executive offices and the even
  Senate districts in gubernatorial years, the odd Senate districts in presidential years, the
  80 Assembly districts every even year). Only lists the scrape holds are checked: a capture of
  a few pages (the test fixtures) or a list the site failed to serve is named by the scrape, not
  here, and an undated list is named by ``loadocdcandidateelections``;
- **districts**: every Senate or Assembly contest is in an existing district (1–40, 1–80);
- **people**: no filer id names more than one person;
- **memberships**: no person holds one post of one organization twice for the same term;
- **incumbents**: at most one incumbent candidacy per contest;
- **measures**: every scraped measure is a contest (a recall a retention contest);
- **candidates**: every scraped candidate with a filer id, in a placed list, is a person of that
  filer id with a candidacy in the list's contest for the office.
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Count

from calaccess_processed.data import data_file
from calaccess_processed.models.ocd import (
    BallotMeasureContestIdentifier,
    Candidacy,
    CandidateContest,
    CandidateContestPost,
    ElectionIdentifier,
    Membership,
    PersonIdentifier,
    RetentionContestIdentifier,
)
from calaccess_processed.ocd.candidate_contests import FILER_SCHEME, contest_id
from calaccess_processed.ocd.divisions import STATE_DIVISION
from calaccess_processed.ocd.elections import CANDIDATE_SCHEME
from calaccess_processed.ocd.measures import MEASURE_ID_SCHEME, is_recall
from calaccess_processed.ocd.offices import parse_office
from calaccess_scraped.models import Candidate, CandidateElection, Proposition
from calaccess_toolkit.errors import ToolkitError

EXPECTED_FILE = "expected_regular_contests.csv"
REGULAR_TYPES = ("PRIMARY", "GENERAL")
#: Lines listed per failed check; the rest are counted.
LISTED = 20
#: Chamber → (division kind, office name in the expectations).
CHAMBERS = {"upper": ("sldu", "STATE SENATE"), "lower": ("sldl", "ASSEMBLY")}


class VerificationFailed(ToolkitError):
    """Some checks found rows that contradict the scrape; the message lists them."""


@dataclass(frozen=True)
class Expectation:
    office: str
    districts: tuple[int, ...]
    years: str

    def applies(self, year: int) -> bool:
        if year % 2:
            return False  # regular state elections are held in even years
        return self.years == "every" or (self.years == "presidential") == (year % 4 == 0)

    def labels(self) -> list[str]:
        if not self.districts:
            return [self.office]
        return [f"{self.office} {number:02d}" for number in self.districts]


@functools.cache
def expectations() -> tuple[Expectation, ...]:
    with data_file(EXPECTED_FILE).open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    return tuple(
        Expectation(
            row["office"],
            tuple(
                range(int(row["first_district"]), int(row["last_district"]) + 1, int(row["step"]))
            )
            if row["first_district"]
            else (),
            row["years"],
        )
        for row in rows
    )


def expected_offices(year: int) -> list[str]:
    """The office labels every regular list of ``year`` must have a contest for."""
    return [label for e in expectations() if e.applies(year) for label in e.labels()]


def chamber_seats(office: str) -> int:
    """The number of districts of a chamber, from the expectations."""
    return max(max(e.districts) for e in expectations() if e.office == office)


@dataclass(frozen=True)
class CheckResult:
    name: str
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


@dataclass(frozen=True)
class Report:
    results: tuple[CheckResult, ...]

    @property
    def failure_count(self) -> int:
        return sum(len(result.failures) for result in self.results)

    @property
    def passed(self) -> bool:
        return not self.failure_count

    def text(self) -> str:
        """One line of summary, then one per failure (at most :data:`LISTED` per check)."""
        failed = [result for result in self.results if not result.passed]
        lines = [
            f"Verification failed: {self.failure_count} problem(s) in {len(failed)} of "
            f"{len(self.results)} checks ({', '.join(r.name for r in failed)})"
        ]
        for result in failed:
            lines += [f"  {result.name}: {failure}" for failure in result.failures[:LISTED]]
            if len(result.failures) > LISTED:
                lines.append(f"  {result.name}: … and {len(result.failures) - LISTED} more")
        return "\n".join(lines)


def placed_lists() -> set[int]:
    """Website numbers of the candidate lists placed in an OCD election."""
    return {
        int(identifier)
        for identifier in ElectionIdentifier.objects.filter(scheme=CANDIDATE_SCHEME).values_list(
            "identifier", flat=True
        )
    }


def check_expected_contests() -> Iterator[str]:
    placed = placed_lists()
    lists = CandidateElection.objects.filter(type__in=REGULAR_TYPES, candidates__isnull=False)
    for election in lists.distinct().order_by("sort_order"):
        if election.year is None or election.election_id not in placed:
            continue
        wanted = {contest_id(election, label): label for label in expected_offices(election.year)}
        present = set(
            CandidateContest.objects.filter(id__in=list(wanted)).values_list("id", flat=True)
        )
        missing = [label for pk, label in wanted.items() if pk not in present]
        if missing:
            shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
            yield f"{election} has no contest for {len(missing)} regular office(s): {shown}"


def check_districts() -> Iterator[str]:
    posts = CandidateContestPost.objects.filter(
        post__organization__classification__in=list(CHAMBERS)
    ).values_list(
        "contest__name",
        "contest__election__name",
        "contest__division_id",
        "post__organization__classification",
    )
    for name, election, division, chamber in posts.order_by(
        "contest__election__date", "contest__name"
    ):
        kind, office = CHAMBERS[chamber]
        prefix = f"{STATE_DIVISION}/{kind}:"
        number = division.removeprefix(prefix)
        seats = chamber_seats(office)
        if not division.startswith(prefix) or not number.isdigit() or not 1 <= int(number) <= seats:
            yield f"{name} ({election}) is in {division}, not one of the {seats} {kind} districts"


def check_people() -> Iterator[str]:
    duplicated = (
        PersonIdentifier.objects.filter(scheme=FILER_SCHEME)
        .values("identifier")
        .annotate(people=Count("person", distinct=True))
        .filter(people__gt=1)
        .order_by("identifier")
    )
    for row in duplicated:
        people = PersonIdentifier.objects.filter(
            scheme=FILER_SCHEME, identifier=row["identifier"]
        ).values_list("person__name", flat=True)
        yield f"filer id {row['identifier']} is {row['people']} people: " + "; ".join(
            sorted(set(people))
        )


def check_memberships() -> Iterator[str]:
    term = ("organization_id", "post_id", "start_date", "end_date")
    holders = (
        ("person_id", Membership.objects.exclude(person_id=None)),
        ("person_name", Membership.objects.filter(person_id=None)),
    )
    for holder, memberships in holders:
        fields = (holder, *term)
        duplicated = memberships.values(*fields).annotate(n=Count("id")).filter(n__gt=1)
        for row in duplicated.order_by(*fields):
            yield (
                f"{row[holder]} holds {row['post_id'] or row['organization_id']} "
                f"{row['start_date']}–{row['end_date']} {row['n']} times"
            )


def check_incumbents() -> Iterator[str]:
    contests = (
        Candidacy.objects.filter(is_incumbent=True)
        .values("contest_id", "contest__name", "contest__election__name")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("contest__election__date", "contest__name")
    )
    for row in contests:
        names = Candidacy.objects.filter(contest_id=row["contest_id"], is_incumbent=True)
        yield (
            f"{row['contest__name']} ({row['contest__election__name']}) has {row['n']} "
            "incumbents: " + "; ".join(sorted(names.values_list("candidate_name", flat=True)))
        )


def check_measures() -> Iterator[str]:
    contests = {
        False: set(
            BallotMeasureContestIdentifier.objects.filter(scheme=MEASURE_ID_SCHEME).values_list(
                "identifier", flat=True
            )
        ),
        True: set(
            RetentionContestIdentifier.objects.filter(scheme=MEASURE_ID_SCHEME).values_list(
                "identifier", flat=True
            )
        ),
    }
    for measure in Proposition.objects.select_related("election").order_by("measure_id"):
        recall = is_recall(measure)
        if str(measure.measure_id) not in contests[recall]:
            kind = "retention contest" if recall else "ballot measure contest"
            yield f"measure {measure.measure_id} ({measure.name[:80]}) is not a {kind}"


def check_candidates() -> Iterator[str]:
    placed = placed_lists()
    people: dict[str, set[str]] = defaultdict(set)
    for identifier, person in PersonIdentifier.objects.filter(scheme=FILER_SCHEME).values_list(
        "identifier", "person_id"
    ):
        people[identifier].add(person)
    standing = set(Candidacy.objects.values_list("person_id", "contest_id").iterator())
    labels: dict[str, str] = {}
    candidates = (
        Candidate.objects.filter(filer_id__isnull=False, election__election_id__in=placed)
        .select_related("election")
        .order_by("election__sort_order", "sort_order")
    )
    for candidate in candidates.iterator():
        described = f"{candidate.name} (filer id {candidate.filer_id}, {candidate.election})"
        if candidate.office not in labels:
            try:
                labels[candidate.office] = parse_office(candidate.office).label
            except ToolkitError as error:
                labels[candidate.office] = ""
                yield f"{described}: {error}"
        if not labels[candidate.office]:
            continue
        persons = people.get(str(candidate.filer_id), set())
        contest = contest_id(candidate.election, labels[candidate.office])
        if not persons:
            yield f"{described} is no person"
        elif not any((person, contest) in standing for person in persons):
            yield f"{described} has no candidacy for {labels[candidate.office]}"


CHECKS: tuple[tuple[str, Callable[[], Iterator[str]]], ...] = (
    ("expected regular contests", check_expected_contests),
    ("Senate and Assembly districts", check_districts),
    ("people by filer id", check_people),
    ("duplicate memberships", check_memberships),
    ("incumbents per contest", check_incumbents),
    ("measures as contests", check_measures),
    ("candidates as candidacies", check_candidates),
)


def verify() -> Report:
    """Run every check; the report lists what failed."""
    return Report(tuple(CheckResult(name, tuple(check())) for name, check in CHECKS))
