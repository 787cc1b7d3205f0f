"""Candidate-to-committee links, derived from ``FILER_LINKS_CD`` of the raw export.

Source: the rows of ``calaccess_raw.FilerLinksCd`` with ``LINK_TYPE`` 12011 ("candidate controls
this committee") or -12011 ("controlling candidate"), described as the schema's choices describe
them (:mod:`.lookup_codes`). The website shows the same facts on each
candidate's detail page, which is not scraped; a scraper for those pages may replace this later.

Which filer of a link is the candidate is decided by evidence: a filer is a candidate when the
website lists it as a candidate or incumbent (the scraped tables), when ``FILER_TO_FILER_TYPE_CD``
gives it the filer type that ``FILER_TYPES_CD`` describes as ``CANDIDATE/OFFICEHOLDER`` (8 in the
export), or when ``FILERNAME_CD`` gives it that filer type (a declared choice of its column).
When exactly one side is a candidate, that side is the candidate. Otherwise filer A is taken as
the candidate: in the export every link whose sides can be told apart has the candidate as
filer A, whatever the sign of the link type. Links whose two sides are both known candidates are
skipped and counted, never guessed.

The table is rebuilt in one transaction from the raw rows, read in batches, so a re-run gives the
same rows and a failure keeps the previous ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice

from django.db import transaction
from django.utils import timezone

from calaccess_processed.models import CandidateCommittee
from calaccess_raw.models import FilerLinksCd, FilernameCd, FilerToFilerTypeCd, FilerTypesCd
from calaccess_scraped.models import Candidate, Incumbent
from calaccess_scraped.scraping.urls import site_url
from calaccess_toolkit.errors import ToolkitError
from calaccess_toolkit.reporting import SILENT, Reporter

from .lookup_codes import declared, meaning

#: ``FILER_LINKS_CD.LINK_TYPE`` of control, either way round, with the schema's descriptions.
CONTROL_LINKS = {
    int(code): meaning("FILER_LINKS_CD", "LINK_TYPE", code) for code in ("12011", "-12011")
}
#: ``FILERNAME_CD.FILER_TYPE`` of a candidate, also how ``FILER_TYPES_CD`` describes its number.
CANDIDATE_FILER_TYPE = declared("FILERNAME_CD", "FILER_TYPE", "CANDIDATE/OFFICEHOLDER")
BATCH_SIZE = 2000
_LINK_COLUMNS = (
    "id",
    "filer_id_a",
    "filer_id_b",
    "link_type",
    "session_id",
    "active_flg",
    "effect_dt",
    "termination_dt",
)


class RawLinksMissing(ToolkitError):
    """The raw filer links have not been loaded, so no link can be derived."""


@dataclass(frozen=True)
class LinkCounts:
    """What a derivation did: links saved, decided by evidence, and skipped as ambiguous."""

    saved: int
    by_evidence: int
    ambiguous: int


def derive_candidate_committees(base_url: str, reporter: Reporter = SILENT) -> LinkCounts:
    """Rebuild :class:`CandidateCommittee` from the raw filer links; return the counts."""
    if not FilerLinksCd.objects.exists():
        raise RawLinksMissing(
            "FILER_LINKS_CD is empty: load the raw CAL-ACCESS export before deriving "
            "candidate committees"
        )
    links = FilerLinksCd.objects.filter(link_type__in=CONTROL_LINKS).order_by("id")
    total = links.count()
    scraped = _scraped_candidates()
    derived_at = timezone.now()
    saved = by_evidence = ambiguous = 0
    with transaction.atomic():
        CandidateCommittee.objects.all().delete()
        rows = links.values_list(*_LINK_COLUMNS).iterator(chunk_size=BATCH_SIZE)
        progress = reporter.progress(
            _batches(rows, BATCH_SIZE),
            total=-(-total // BATCH_SIZE),
            desc="Filer links",
            unit="batches",
        )
        for batch in progress:
            ids = {filer for row in batch for filer in (row[1], row[2]) if filer is not None}
            candidates = scraped | _typed_candidates(ids)
            names = _names(ids)
            new = []
            for row in batch:
                oriented = _orient(row[1], row[2], candidates)
                if oriented is None:
                    ambiguous += 1
                    continue
                candidate, committee, evidence = oriented
                by_evidence += evidence
                new.append(_link(row, candidate, committee, names, base_url, derived_at))
            CandidateCommittee.objects.bulk_create(new)
            saved += len(new)
    reporter.say(
        f"{saved} candidate-committee links derived from FILER_LINKS_CD "
        f"({by_evidence} oriented by evidence, {ambiguous} ambiguous links skipped)"
    )
    return LinkCounts(saved=saved, by_evidence=by_evidence, ambiguous=ambiguous)


def _orient(a: int | None, b: int | None, candidates: set[int]) -> tuple[int, int, bool] | None:
    """(candidate, committee, by evidence), or None: a side missing or both sides candidates."""
    if a is None or b is None or a < 0 or b < 0:
        return None
    a_is, b_is = a in candidates, b in candidates
    if a_is and b_is:
        return None
    if b_is:
        return b, a, True
    return a, b, a_is


def _link(row, candidate, committee, names, base_url, derived_at) -> CandidateCommittee:
    row_id, _, _, link_type, session, active, effective, terminated = row
    return CandidateCommittee(
        candidate_filer_id=candidate,
        committee_filer_id=committee,
        committee_name=names.get(committee, ""),
        link_type=link_type,
        link_description=CONTROL_LINKS[link_type],
        session=session if session and session > 0 else None,
        active_flag=(active or "")[:1],
        effective_date=_as_date(effective),
        termination_date=_as_date(terminated),
        source="FILER_LINKS_CD",
        source_row=row_id,
        url=site_url(base_url, f"/Campaign/Candidates/Detail.aspx?id={candidate}"),
        derived_at=derived_at,
    )


def _scraped_candidates() -> set[int]:
    """Filer ids the website lists as candidates or incumbents."""
    listed = [
        *Candidate.objects.exclude(filer_id=None).values_list("filer_id", flat=True),
        *Incumbent.objects.exclude(filer_id=None).values_list("filer_id", flat=True),
    ]
    return {filer_id for filer_id in listed if filer_id is not None}


def _typed_candidates(ids: set[int]) -> set[int]:
    """Those of ``ids`` the raw filer tables call candidates."""
    candidate_types = FilerTypesCd.objects.filter(description__iexact=CANDIDATE_FILER_TYPE).values(
        "filer_type"
    )
    typed = set(
        FilerToFilerTypeCd.objects.filter(
            filer_id__in=ids, filer_type__in=candidate_types
        ).values_list("filer_id", flat=True)
    )
    typed.update(
        FilernameCd.objects.filter(
            filer_id__in=ids, filer_type__iexact=CANDIDATE_FILER_TYPE
        ).values_list("filer_id", flat=True)
    )
    return typed


def _names(ids: set[int]) -> dict[int, str]:
    """Each filer's name from FILERNAME_CD ("LAST, FIRST", or the committee's full name)."""
    names: dict[int, str] = {}
    for filer_id, last, first in FilernameCd.objects.filter(filer_id__in=ids).values_list(
        "filer_id", "naml", "namf"
    ):
        name = ", ".join(part.strip() for part in (last, first) if part and part.strip())
        names.setdefault(filer_id, name)
    return names


def _as_date(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
