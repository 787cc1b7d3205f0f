"""People across the loaders: one person per filer id, merges with provenance, and resolution.

A loader never makes a second person for a filer id some person already holds
(:meth:`People.for_filer`), and writes what it finds for a merged-away id onto the survivor
(:meth:`People.resolve`), so a rerun or a rebuild from scratch yields the same people and ids.
Two rules merge people: the same filer id, and the same name in one contest when no filer ids
conflict (two people of one name with different filer ids are never merged by name alone).
A merge moves every identifier, other name, source, membership and candidacy of the merged
person to the survivor, collapses the survivor's duplicate candidacies in one contest (the
certified one is kept: Form 501 ids, names, the earliest filed date, the incumbent flag and the
party carry over) and duplicate memberships, and is logged as a :class:`PersonMerge`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from calaccess_processed.models.ocd import (
    Candidacy,
    Membership,
    Person,
    PersonIdentifier,
    PersonMerge,
    PersonName,
    PersonSource,
)
from calaccess_processed.ocd.ids import ocd_id
from django_commander.current import current_run_id

FILER_SCHEME = "calaccess_filer_id"
#: The candidacy extras keys the merges and the Form 501 loader share.
FORM501_IDS = "form501_filing_ids"
PARTY_FROM_501 = "party_from_form501"
CERTIFIED = "qualified"


def filer_person_id(filer_id: object) -> str:
    """The id of the person of a filer id, when no merge or earlier holder says otherwise."""
    return ocd_id("person", "filer", filer_id)


def name_key(name: str) -> str:
    """A name as compared across lists and filings: upper case, letters and digits only."""
    return " ".join(re.sub(r"[^A-Z0-9 ]", " ", name.upper()).split())


def survivors() -> dict[str, str]:
    """Every merged-away id → the person it now is (chains followed to their end)."""
    direct = dict(PersonMerge.objects.values_list("merged_id", "survivor_id"))
    resolved = {}
    for merged in direct:
        seen, current = {merged}, direct[merged]
        while current in direct and current not in seen:
            seen.add(current)
            current = direct[current]
        resolved[merged] = current
    return resolved


def resolve_person(person_id: str) -> Person | None:
    """The person an OCD id names now: itself, or the survivor it was merged into."""
    return Person.objects.filter(pk=survivors().get(person_id, person_id)).first()


def _preferred_filer_holder(holders: Iterable[str], filer_id: str) -> str:
    ordered = sorted(holders)
    return filer_person_id(filer_id) if filer_person_id(filer_id) in ordered else ordered[0]


class People:
    """What the loaders need to know of the stored people: merges and filer id holders."""

    def __init__(self) -> None:
        self.survivors = survivors()
        holders: dict[str, set[str]] = defaultdict(set)
        for person, filer in PersonIdentifier.objects.filter(scheme=FILER_SCHEME).values_list(
            "person_id", "identifier"
        ):
            holders[filer].add(person)
        self.filer_holders = {
            filer: _preferred_filer_holder(people, filer) for filer, people in holders.items()
        }
        self.stored = set(Person.objects.values_list("pk", flat=True))
        self.survivor_ids = set(self.survivors.values())

    def resolve(self, person_id: str) -> str:
        return self.survivors.get(person_id, person_id)

    def holder(self, filer_id: object) -> str | None:
        """The stored person holding this filer id, if any."""
        return self.filer_holders.get(str(filer_id))

    def for_filer(self, filer_id: object) -> str:
        """The person of a filer id: whoever holds it already, else the filer id's own id."""
        return self.holder(filer_id) or self.resolve(filer_person_id(filer_id))

    def is_stored_survivor(self, person_id: str) -> bool:
        """A stored person others were merged into: loaders leave its name as it is."""
        return person_id in self.stored and person_id in self.survivor_ids


def _collapse_key(candidacy: dict[str, Any]) -> tuple:
    """Which of one person's candidacies in a contest is kept: the certified, then the first id."""
    return (candidacy["registration_status"] != CERTIFIED, candidacy["id"])


def _collapse_candidacies(person_id: str) -> int:
    """Keep one candidacy of the person per contest, carrying the others' facts over."""
    fields = (
        "id",
        "contest_id",
        "registration_status",
        "candidate_name",
        "extras",
        "filed_date",
        "is_incumbent",
        "party_id",
    )
    by_contest: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in Candidacy.objects.filter(person_id=person_id).values(*fields):
        by_contest[row["contest_id"]].append(row)
    removed = 0
    for rows in by_contest.values():
        if len(rows) < 2:
            continue
        kept, *others = sorted(rows, key=_collapse_key)
        extras = dict(kept["extras"] or {})
        filing_ids = set(extras.get(FORM501_IDS, []))
        dates = [kept["filed_date"]] if kept["filed_date"] else []
        flags = [kept["is_incumbent"]]
        party, party_from_501 = kept["party_id"], extras.get(PARTY_FROM_501, False)
        for other in others:
            other_extras = other["extras"] or {}
            filing_ids.update(other_extras.get(FORM501_IDS, []))
            if other["filed_date"]:
                dates.append(other["filed_date"])
            flags.append(other["is_incumbent"])
            if party is None and other["party_id"]:
                party = other["party_id"]
                party_from_501 = other_extras.get(PARTY_FROM_501, False)
            if other["candidate_name"] != kept["candidate_name"]:
                PersonName.objects.get_or_create(person_id=person_id, name=other["candidate_name"])
        if filing_ids:
            extras[FORM501_IDS] = sorted(filing_ids)
        if party_from_501:
            extras[PARTY_FROM_501] = True
        Candidacy.objects.filter(pk__in=[other["id"] for other in others]).delete()
        Candidacy.objects.filter(pk=kept["id"]).update(
            extras=extras,
            filed_date=min(dates) if dates else None,
            is_incumbent=True if True in flags else (False if False in flags else None),
            party_id=party,
        )
        removed += len(others)
    return removed


def _collapse_memberships(person_id: str) -> None:
    """Keep one membership of the person per post and term (the first id)."""
    seen = set()
    for row in (
        Membership.objects.filter(person_id=person_id)
        .order_by("pk")
        .values("pk", "organization_id", "post_id", "start_date", "end_date")
    ):
        key = (row["organization_id"], row["post_id"], row["start_date"], row["end_date"])
        if key in seen:
            Membership.objects.filter(pk=row["pk"]).delete()
        seen.add(key)


def merge_person(survivor_id: str, merged_id: str, rule: str) -> None:
    """Move everything of ``merged_id`` onto ``survivor_id``, log it, delete the merged row."""
    survivor = Person.objects.get(pk=survivor_id)
    merged = Person.objects.get(pk=merged_id)
    for identifier in merged.identifiers.all():
        PersonIdentifier.objects.get_or_create(
            person=survivor, scheme=identifier.scheme, identifier=identifier.identifier
        )
    names = [merged.name, *merged.other_names.values_list("name", flat=True)]
    for name in names:
        if name != survivor.name:
            PersonName.objects.get_or_create(person=survivor, name=name)
    for source in merged.sources.all():
        PersonSource.objects.get_or_create(
            person=survivor, url=source.url, defaults={"note": source.note}
        )
    Candidacy.objects.filter(person_id=merged_id).update(person_id=survivor_id)
    Membership.objects.filter(person_id=merged_id).update(person_id=survivor_id)
    PersonMerge.objects.filter(survivor_id=merged_id).update(survivor_id=survivor_id)
    PersonMerge.objects.create(
        merged_id=merged_id,
        survivor_id=survivor_id,
        merged_name=merged.name,
        rule=rule,
        run_id=current_run_id(),
    )
    merged.delete()
    _collapse_candidacies(survivor_id)
    _collapse_memberships(survivor_id)


def _filer_ids() -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for person, filer in PersonIdentifier.objects.filter(scheme=FILER_SCHEME).values_list(
        "person_id", "identifier"
    ):
        found[person].add(filer)
    return found


def _sort_filer(filer_id: str) -> tuple:
    return (0, int(filer_id), "") if filer_id.isdigit() else (1, 0, filer_id)


@transaction.atomic
def merge_by_filer_id() -> int:
    """Merge the people sharing a filer id; return how many were merged away.

    The survivor is the person whose id is made from the group's lowest filer id, else the
    lowest id: the same whichever order the people were loaded in.
    """
    filer_map = _filer_ids()
    by_filer: dict[str, set[str]] = defaultdict(set)
    for person, filers in filer_map.items():
        for filer in filers:
            by_filer[filer].add(person)
    parent: dict[str, str] = {}

    def root(person: str) -> str:
        while parent.get(person, person) != person:
            person = parent[person]
        return person

    for people in by_filer.values():
        first, *rest = sorted(people)
        for other in rest:
            parent[root(other)] = root(first)
    groups: dict[str, set[str]] = defaultdict(set)
    for people in by_filer.values():
        for person in people:
            groups[root(person)].add(person)
    merged = 0
    for people in sorted(groups.values(), key=min):
        if len(people) < 2:
            continue
        ordered = sorted({f for person in people for f in filer_map[person]}, key=_sort_filer)
        keyed = [filer_person_id(f) for f in ordered if filer_person_id(f) in people]
        survivor = keyed[0] if keyed else min(people)
        for person in sorted(people - {survivor}):
            merge_person(survivor, person, PersonMerge.BY_FILER_ID)
            merged += 1
    return merged


@transaction.atomic
def merge_by_contest_and_name() -> int:
    """Merge the people of one name in one contest; return how many were merged away.

    Only when at most one of them has filer ids: people without one join the person with them
    (or, none having any, the lowest id); two people with different filer ids stay apart, and
    so do the people without one beside them (which of the two they are is unknown).
    """
    filers = _filer_ids()
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for contest, person, name in Candidacy.objects.values_list(
        "contest_id", "person_id", "candidate_name"
    ):
        groups[(contest, name_key(name))].add(person)
    moved: dict[str, str] = {}
    merged = 0
    for key in sorted(groups):
        people = {moved.get(person, person) for person in groups[key]}
        if len(people) < 2:
            continue
        with_ids = sorted(person for person in people if filers.get(person))
        if len(with_ids) > 1:
            continue
        survivor = with_ids[0] if with_ids else min(people)
        for person in sorted(people - {survivor}):
            merge_person(survivor, person, PersonMerge.BY_CONTEST_AND_NAME)
            moved[person] = survivor
            for earlier, target in moved.items():
                if target == person:
                    moved[earlier] = survivor
            merged += 1
    return merged


def forget_merges() -> None:
    """Delete the merge log (a rebuild of the people merges them again, the same way)."""
    PersonMerge.objects.all().delete()
