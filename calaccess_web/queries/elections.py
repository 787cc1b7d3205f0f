"""Elections with their contests and the candidates' money side by side, and ballot measures
with the committees for and against them.

The money of a candidate is what their controlled committees raised and spent in the election's
two-year cycle (the processed filer-year totals of the election year and the year before). The
committees of a measure come from the scraped measure pages; a committee backing several
measures is counted once in every sum that spans them (the election's measure money).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch

from calaccess_processed.models.ocd import (
    BallotMeasureContest,
    BallotMeasureContestIdentifier,
    Candidacy,
    Election,
    PersonIdentifier,
    RetentionContest,
    RetentionContestIdentifier,
)
from calaccess_scraped.models import PropositionCommittee

from . import NotFound
from .people import FILER_ID_SCHEME, committee_totals, controlled_committees

MEASURE_ID_SCHEME = "calaccess_measure_id"
SIDES = {"SUPPORT": "for", "OPPOSE": "against"}


def elections() -> list[Election]:
    """Every election, newest first, with its contest counts (one query)."""
    return list(
        Election.objects.annotate(
            candidate_contest_count=Count("candidatecontests", distinct=True),
            measure_count=Count("ballotmeasurecontests", distinct=True),
            recall_count=Count("retentioncontests", distinct=True),
        ).order_by("-date", "name")
    )


def _money(total: dict[str, Any] | None, field: str) -> Decimal:
    return Decimal(str((total or {}).get(field) or 0))


@dataclass
class ElectionPage:
    election: Election
    contests: list[dict[str, Any]]
    measures: list[dict[str, Any]]
    measure_money: dict[str, dict[str, Any]]


def election_page(slug: str) -> ElectionPage:
    election = Election.objects.filter(slug=slug).first()
    if election is None:
        raise NotFound(f"no election {slug!r}")
    candidacies = Candidacy.objects.select_related("person", "party").order_by("candidate_name")
    contests = list(
        election.candidatecontests.select_related("party")
        .prefetch_related(Prefetch("candidacies", queryset=candidacies))
        .order_by("name")
    )
    people = {c.person_id for contest in contests for c in contest.candidacies.all()}
    filer_ids = dict(
        PersonIdentifier.objects.filter(scheme=FILER_ID_SCHEME, person_id__in=people).values_list(
            "person_id", "identifier"
        )
    )
    numeric = [int(v) for v in filer_ids.values() if v.isdigit()]
    committees = controlled_committees(numeric)
    cycle = (election.date.year - 1, election.date.year)
    totals = committee_totals(
        [c["committee_filer_id"] for rows in committees.values() for c in rows], cycle
    )
    rows = []
    for contest in contests:
        candidates = []
        for candidacy in contest.candidacies.all():
            filer_id = filer_ids.get(candidacy.person_id, "")
            own = committees.get(int(filer_id), []) if filer_id.isdigit() else []
            own_totals = [totals.get(c["committee_filer_id"]) for c in own]
            candidates.append(
                {
                    "candidacy": candidacy,
                    "key": filer_id or candidacy.person_id,
                    "committees": own,
                    "raised": sum(_money(t, "total_contributions") for t in own_totals),
                    "spent": sum(_money(t, "total_expenditures_made") for t in own_totals),
                }
            )
        rows.append({"contest": contest, "candidates": candidates})
    measures = measure_rows(election)
    return ElectionPage(election, rows, measures, side_totals(measures))


def _measure_ids(contest_ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for model in (BallotMeasureContestIdentifier, RetentionContestIdentifier):
        rows = model.objects.filter(scheme=MEASURE_ID_SCHEME, contest_id__in=contest_ids)
        found.update((cid, int(v)) for cid, v in rows.values_list("contest_id", "identifier"))
    return found


def _committees(measure_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Per measure id, its committees (one per filer id and side) with their processed totals,
    and how many measures each committee backs."""
    rows = list(
        PropositionCommittee.objects.filter(proposition__measure_id__in=measure_ids)
        .order_by("proposition__measure_id", "sort_order")
        .values("proposition__measure_id", "committee_id", "filer_id", "name", "position")
    )
    ids = {row["filer_id"] or row["committee_id"] for row in rows}
    totals = committee_totals(sorted(ids))
    backs = dict(
        PropositionCommittee.objects.filter(filer_id__in=ids)
        .values("filer_id")
        .annotate(count=Count("proposition", distinct=True))
        .values_list("filer_id", "count")
    )
    found: dict[int, dict[tuple[int, str], dict[str, Any]]] = {}
    for row in rows:
        filer_id = row["filer_id"] or row["committee_id"]
        side = SIDES.get(row["position"].strip().upper(), row["position"].lower())
        committee = {
            "filer_id": filer_id,
            "name": row["name"].strip(),
            "side": side,
            "totals": totals.get(filer_id),
            "measure_count": backs.get(filer_id, 1),
        }
        found.setdefault(row["proposition__measure_id"], {}).setdefault((filer_id, side), committee)
    return {measure: list(committees.values()) for measure, committees in found.items()}


def measure_rows(election: Election) -> list[dict[str, Any]]:
    contests = [
        *election.ballotmeasurecontests.order_by("name"),
        *election.retentioncontests.order_by("name"),
    ]
    measure_ids = _measure_ids([c.id for c in contests])
    committees = _committees(list(measure_ids.values()))
    return [
        {
            "contest": contest,
            "measure_id": measure_ids.get(contest.id),
            "committees": committees.get(measure_ids.get(contest.id, -1), []),
        }
        for contest in contests
    ]


def side_totals(measures: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Money for and against the measures listed, each committee counted once per side."""
    sides: dict[str, dict[int, dict[str, Any]]] = {}
    for measure in measures:
        for committee in measure["committees"]:
            sides.setdefault(committee["side"], {})[committee["filer_id"]] = committee
    return {
        side: {
            "committee_count": len(committees),
            "raised": sum(_money(c["totals"], "total_contributions") for c in committees.values()),
            "spent": sum(
                _money(c["totals"], "total_expenditures_made") for c in committees.values()
            ),
        }
        for side, committees in sides.items()
    }


def measure_page(slug: str) -> dict[str, Any]:
    for model in (BallotMeasureContest, RetentionContest):
        contest = model.objects.select_related("election").filter(slug=slug).first()
        if contest is not None:
            break
    else:
        raise NotFound(f"no measure {slug!r}")
    measure_ids = _measure_ids([contest.id])
    measure_id = measure_ids.get(contest.id)
    committees = _committees([measure_id]).get(measure_id, []) if measure_id else []
    row = {"contest": contest, "measure_id": measure_id, "committees": committees}
    return {**row, "sides": side_totals([row]), "is_recall": model is RetentionContest}
