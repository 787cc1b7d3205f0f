"""Ballot measures and recalls: every scraped measure is one contest of its election.

A recall (the measure's title or its election says RECALL) is a ``RetentionContest``; every other
measure a ``BallotMeasureContest``. Ids are made from the website's measure id. A recall of a
Senate or Assembly member is held in that district.
"""

from __future__ import annotations

import re

from django.db import transaction

from calaccess_processed.models.ocd import (
    BallotMeasureContest,
    Election,
    ElectionIdentifier,
    RetentionContest,
)
from calaccess_processed.ocd.divisions import STATE_DIVISION, district_division
from calaccess_processed.ocd.elections import MEASURE_SCHEME, measure_election_key
from calaccess_processed.ocd.errors import ElectionsUndated
from calaccess_processed.ocd.ids import make_slug, ocd_id
from calaccess_scraped.models import Proposition

MEASURE_ID_SCHEME = "calaccess_measure_id"
OPTIONS = ("YES", "NO")
RECALL_DISTRICT = re.compile(r"\b(SENATE|ASSEMBLY) DISTRICT (\d+)")
DISTRICT_KINDS = {"SENATE": "sldu", "ASSEMBLY": "sldl"}
TITLE_LENGTH = 300


def is_recall(measure: Proposition) -> bool:
    return "RECALL" in measure.name.upper() or "RECALL" in measure.election.type.upper()


def measure_division(measure: Proposition) -> str:
    match = RECALL_DISTRICT.search(measure.name.upper())
    if match and is_recall(measure):
        return district_division(DISTRICT_KINDS[match.group(1)], int(match.group(2)))
    return STATE_DIVISION


def _elections() -> dict[str, Election]:
    return {
        identifier.identifier: identifier.election
        for identifier in ElectionIdentifier.objects.filter(scheme=MEASURE_SCHEME).select_related(
            "election"
        )
    }


def _load(
    model: type[BallotMeasureContest] | type[RetentionContest], recall: bool, kind: str, flush: bool
) -> int:
    measures = [
        measure
        for measure in Proposition.objects.select_related("election").order_by("measure_id")
        if is_recall(measure) == recall
    ]
    elections = _elections()
    unplaced = sorted(
        {m.election.name for m in measures if measure_election_key(m.election) not in elections}
    )
    with transaction.atomic():
        if flush:
            model.objects.all().delete()
        for measure in measures:
            election = elections.get(measure_election_key(measure.election))
            if election is None:
                continue
            contest, _ = model.objects.update_or_create(
                id=ocd_id("contest", kind, measure.measure_id),
                defaults={
                    "name": measure.name[:TITLE_LENGTH],
                    "description": measure.name,
                    "election": election,
                    "division_id": measure_division(measure),
                    "slug": make_slug(
                        election.date.isoformat(), measure.name[:80], measure.measure_id
                    ),
                },
            )
            for text in OPTIONS:
                contest.options.get_or_create(text=text)
            contest.identifiers.get_or_create(
                scheme=MEASURE_ID_SCHEME, identifier=str(measure.measure_id)
            )
            contest.sources.get_or_create(url=measure.detail_url)
    if unplaced:
        raise ElectionsUndated(unplaced)
    return len(measures)


def load_ballot_measure_contests(flush: bool = False) -> int:
    """A ``BallotMeasureContest`` for every scraped measure that is not a recall."""
    return _load(BallotMeasureContest, recall=False, kind="measure", flush=flush)


def load_retention_contests(flush: bool = False) -> int:
    """A ``RetentionContest`` for every scraped recall."""
    return _load(RetentionContest, recall=True, kind="recall", flush=flush)
