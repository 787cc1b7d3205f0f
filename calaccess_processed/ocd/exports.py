"""Flat tables of the OCD elections a spreadsheet user can open: one row per candidacy, ballot
measure or recall, with the names and dates beside the OCD ids.

Each export is a header and a query; the rows are streamed from the database (``iterator``)
and the facts from other tables are correlated subqueries inside that one query, so no table is
held in memory. ``archiving`` writes them next to the relational CSVs of every model.

- ``Candidates``: a candidacy's name, party, election and date, office, incumbent flag, whether
  the contest is a special election, the OCD ids of the person, candidacy, contest, election and
  post, the person's latest filer id (the highest number, filer ids grow over time), and the
  Form 501s of the person's filer ids for the election's year: the latest one's filing id
  (the highest) and how many there are.
- ``BallotMeasures`` and ``RecallMeasures``: a measure's election and date, title, website
  measure id, division and page; a recall also the officeholder whose membership it names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, ExtractYear, Length

from calaccess_processed.models import get_processed_model
from calaccess_processed.models.ocd import (
    BallotMeasureContest,
    BallotMeasureContestIdentifier,
    BallotMeasureContestSource,
    Candidacy,
    PersonIdentifier,
    RetentionContest,
    RetentionContestIdentifier,
    RetentionContestSource,
)
from calaccess_processed.ocd.candidate_contests import FILER_SCHEME
from calaccess_processed.ocd.measures import MEASURE_ID_SCHEME

CHUNK_ROWS = 5000


@dataclass(frozen=True)
class FlatExport:
    """A file name, its header and the ``values_list`` fields of its rows, in order."""

    name: str
    columns: tuple[tuple[str, str], ...]  # (header, field or annotation)
    #: Builds the annotated, ordered queryset the fields are read from (at write time).
    query: Callable[[], models.QuerySet]

    @property
    def header(self) -> list[str]:
        return [header for header, _ in self.columns]

    def rows(self) -> Iterator[tuple]:
        fields = [field for _, field in self.columns]
        yield from self.query().values_list(*fields).iterator(chunk_size=CHUNK_ROWS)


def _filer_ids(person: Any) -> models.QuerySet:
    return PersonIdentifier.objects.filter(person_id=person, scheme=FILER_SCHEME)


def _candidates() -> models.QuerySet:
    form501 = get_processed_model("Form501Filing")
    filings = form501._default_manager.filter(
        filer_id__in=_filer_ids(OuterRef(OuterRef("person_id"))).values("identifier"),
        election_year=OuterRef("election_year"),
    ).order_by()
    per_year = filings.values("election_year")
    return (
        Candidacy.objects.annotate(election_year=ExtractYear("contest__election__date"))
        .annotate(
            latest_filer_id=Subquery(
                _filer_ids(OuterRef("person_id"))
                .order_by(Length("identifier").desc(), "-identifier")
                .values("identifier")[:1]
            ),
            latest_form501_filing_id=Subquery(
                per_year.annotate(latest=Max("filing_id")).values("latest")[:1]
            ),
            form501_count=Coalesce(
                Subquery(per_year.annotate(n=Count("filing_id")).values("n")[:1]), Value(0)
            ),
        )
        .order_by("contest__election__date", "contest__name", "candidate_name", "id")
    )


def _measure_columns(kind: str) -> tuple[tuple[str, str], ...]:
    return (
        ("election", "election__name"),
        ("date", "election__date"),
        (kind, "name"),
        ("measure_id", "measure_id"),
        ("division", "division__name"),
        ("source", "source"),
        ("contest_ocd_id", "id"),
        ("election_ocd_id", "election_id"),
        ("division_ocd_id", "division_id"),
    )


def _measures(
    model: type[models.Model], identifier: type[models.Model], source: type[models.Model]
):
    identifiers = identifier._default_manager.filter(
        contest_id=OuterRef("pk"), scheme=MEASURE_ID_SCHEME
    )
    sources = source._default_manager.filter(contest_id=OuterRef("pk"))
    return model._default_manager.annotate(
        measure_id=Subquery(identifiers.values("identifier")[:1]),
        source=Subquery(sources.order_by("url").values("url")[:1]),
    ).order_by("election__date", "name", "id")


CANDIDATES = FlatExport(
    "Candidates",
    (
        ("name", "candidate_name"),
        ("party", "party__name"),
        ("election", "contest__election__name"),
        ("date", "contest__election__date"),
        ("office", "post__label"),
        ("incumbent", "is_incumbent"),
        ("special_election", "contest__previous_term_unexpired"),
        ("person_ocd_id", "person_id"),
        ("candidacy_ocd_id", "id"),
        ("contest_ocd_id", "contest_id"),
        ("election_ocd_id", "contest__election_id"),
        ("post_ocd_id", "post_id"),
        ("latest_filer_id", "latest_filer_id"),
        ("latest_form501_filing_id", "latest_form501_filing_id"),
        ("form501_count", "form501_count"),
    ),
    _candidates,
)
BALLOT_MEASURES = FlatExport(
    "BallotMeasures",
    _measure_columns("measure"),
    lambda: _measures(
        BallotMeasureContest, BallotMeasureContestIdentifier, BallotMeasureContestSource
    ),
)
RECALL_MEASURES = FlatExport(
    "RecallMeasures",
    (*_measure_columns("recall"), ("officeholder", "membership__person_name")),
    lambda: _measures(RetentionContest, RetentionContestIdentifier, RetentionContestSource),
)
FLAT_EXPORTS = (CANDIDATES, BALLOT_MEASURES, RECALL_MEASURES)
