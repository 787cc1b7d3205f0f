"""The search index's rows, derived from the processed filings and the OCD elections.

- **committees**: filers of a Form 460 (recipient committees) and the committees candidates
  control (``CandidateCommittee``); named after their latest filing;
- **filers**: filers of Forms 461, 496 and 497 only (major donors, independent spenders);
- **candidates**: OCD people (keyed by their filer id when they have one), and Form 501 filers
  no person carries;
- **measures**: ballot measures and recalls.

A filer's status is ``active`` when its latest filing was filed in the latest two calendar years
of the data, else ``inactive``; a candidate's is the registration status of their latest candidacy.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db import transaction

from calaccess_processed.decoding import meanings
from calaccess_processed.models import PROCESSED_MODELS, CandidateCommittee
from calaccess_processed.models.ocd import (
    BallotMeasureContest,
    BallotMeasureContestIdentifier,
    Candidacy,
    PersonIdentifier,
    RetentionContest,
    RetentionContestIdentifier,
)
from calaccess_web.models import SearchEntry

from . import backends

COMMITTEE_FORMS = ("Form460Filing",)
OTHER_FILER_FORMS = ("Form461Filing", "Form496Filing", "Form497Filing")
FILER_ID_SCHEME = "calaccess_filer_id"
MEASURE_ID_SCHEME = "calaccess_measure_id"


def _name(last: str | None, first: str | None) -> str:
    return " ".join(part for part in ((first or "").strip(), (last or "").strip()) if part)


def _latest_filers(model_names: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """Per cover filer id, its latest filing's name, type and year (one query per form)."""
    latest: dict[str, dict[str, Any]] = {}
    for model_name in model_names:
        rows = PROCESSED_MODELS[model_name]._default_manager.values(
            "filer_id",
            "filer_internal_id",
            "filer_lastname",
            "filer_firstname",
            "committee_type",
            "date_filed",
            "thru_date",
            "filing_id",
        )
        for row in rows.iterator(chunk_size=5000):
            seen = latest.get(row["filer_id"])
            if seen is None or (row["filing_id"], model_name) > (seen["filing_id"], seen["form"]):
                latest[row["filer_id"]] = {**row, "form": model_name}
    return latest


def _filer_entries(kind: str, filers: dict[str, dict[str, Any]], last_year: int) -> Iterator:
    committee_types = meanings("CVR_CAMPAIGN_DISCLOSURE_CD", "CMTTE_TYPE")
    for filer_id, row in filers.items():
        name = _name(row["filer_lastname"], row["filer_firstname"]) or f"Filer {filer_id}"
        when = row["thru_date"] or row["date_filed"]
        year = when.year if when else None
        filed = row["date_filed"].year if row["date_filed"] else year
        yield SearchEntry(
            kind=kind,
            key=filer_id,
            name=name,
            filer_id=filer_id,
            filer_internal_id=row["filer_internal_id"],
            filer_type=committee_types.get(row["committee_type"] or "", "")[:60],
            election_year=year,
            status="active" if filed and filed >= last_year - 1 else "inactive",
            url=f"/committees/{filer_id}/",
            text=f"{name} {filer_id}",
        )


def committee_entries() -> Iterator[SearchEntry]:
    committees = _latest_filers(COMMITTEE_FORMS)
    others = {k: v for k, v in _latest_filers(OTHER_FILER_FORMS).items() if k not in committees}
    # The latest filing date of the data (a cover typed 3016 cannot make every filer inactive).
    this_year = date.today().year
    filed = [row["date_filed"] for row in [*committees.values(), *others.values()]]
    last_year = max((d.year for d in filed if d and d.year <= this_year), default=0)
    yield from _filer_entries(SearchEntry.COMMITTEE, committees, last_year)
    yield from _filer_entries(SearchEntry.FILER, others, last_year)
    seen = set(committees) | set(others)
    links = CandidateCommittee.objects.order_by("committee_filer_id", "-session")
    for link in links.values("committee_filer_id", "committee_name", "active_flag"):
        filer_id = str(link["committee_filer_id"])
        if filer_id in seen:
            continue
        seen.add(filer_id)
        name = link["committee_name"] or f"Committee {filer_id}"
        yield SearchEntry(
            kind=SearchEntry.COMMITTEE,
            key=filer_id,
            name=name,
            filer_id=filer_id,
            filer_internal_id=link["committee_filer_id"],
            filer_type="Candidate or officeholder controlled committee",
            status="active" if link["active_flag"] == "Y" else "inactive",
            url=f"/committees/{filer_id}/",
            text=f"{name} {filer_id}",
        )


def candidate_entries() -> Iterator[SearchEntry]:
    filer_ids = dict(
        PersonIdentifier.objects.filter(scheme=FILER_ID_SCHEME).values_list(
            "person_id", "identifier"
        )
    )
    latest: dict[str, Candidacy] = {}
    candidacies = Candidacy.objects.select_related("person", "post", "party", "contest__election")
    for candidacy in candidacies.order_by("person_id", "contest__election__date"):
        latest[candidacy.person_id] = candidacy
    keys = set()
    for person_id, candidacy in latest.items():
        filer_id = filer_ids.get(person_id, "")
        key = filer_id or person_id
        keys.add(key)
        name = candidacy.person.name
        yield SearchEntry(
            kind=SearchEntry.CANDIDATE,
            key=key,
            name=name,
            filer_id=filer_id,
            filer_type="Candidate",
            party=candidacy.party.name if candidacy.party else "",
            office=candidacy.post.label,
            election_year=candidacy.contest.election.date.year,
            status=candidacy.registration_status,
            url=f"/candidates/{key}/",
            text=f"{name} {filer_id} {candidacy.candidate_name}".strip(),
        )
    form501 = PROCESSED_MODELS["Form501Filing"]._default_manager.order_by("filer_id", "filing_id")
    statements: dict[str, Any] = {}
    for row in form501.values(
        "filer_id",
        "candidate_lastname",
        "candidate_firstname",
        "office_name",
        "party_name",
        "election_year",
    ):
        statements[row["filer_id"]] = row
    for filer_id, row in statements.items():
        if filer_id in keys:
            continue
        name = _name(row["candidate_lastname"], row["candidate_firstname"]) or f"Filer {filer_id}"
        yield SearchEntry(
            kind=SearchEntry.CANDIDATE,
            key=filer_id,
            name=name,
            filer_id=filer_id,
            filer_type="Candidate",
            party=row["party_name"] or "",
            office=row["office_name"] or "",
            election_year=row["election_year"],
            status="filed intention",
            url=f"/candidates/{filer_id}/",
            text=f"{name} {filer_id}",
        )


def measure_entries() -> Iterator[SearchEntry]:
    measure_ids: dict[str, str] = {}
    for identifiers in (BallotMeasureContestIdentifier, RetentionContestIdentifier):
        rows = identifiers.objects.filter(scheme=MEASURE_ID_SCHEME)
        measure_ids.update(rows.values_list("contest_id", "identifier"))
    for model in (BallotMeasureContest, RetentionContest):
        for contest in model.objects.select_related("election"):
            measure_id = measure_ids.get(contest.id, "")
            yield SearchEntry(
                kind=SearchEntry.MEASURE,
                key=contest.slug,
                name=contest.name,
                filer_id=measure_id,
                filer_type="Recall" if model is RetentionContest else "Ballot measure",
                election_year=contest.election.date.year,
                url=f"/measures/{contest.slug}/",
                text=f"{contest.name} {measure_id}",
            )


def build_search_index() -> dict[str, int]:
    """Replace every search entry in one transaction and refresh the full-text index."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for builder in (committee_entries, candidate_entries, measure_entries):
            entries = list(builder())
            for entry in entries:
                entry.name = entry.name[:300]
                entry.name_upper = entry.name.upper()
                # Lower case: a binary collation (MySQL's utf8mb4_bin) makes FULLTEXT match case.
                entry.text = entry.text.lower()
                counts[entry.kind] = counts.get(entry.kind, 0) + 1
            SearchEntry.objects.bulk_create(entries, batch_size=2000)
        backends.refresh()
    return counts
