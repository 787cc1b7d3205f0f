"""A committee's page: its totals (from the processed totals, never re-added from items), the
filings each figure came from, its filings and who gave it money (the processed contribution
groups: the page reads a committee's largest groups by an index, never adds up its items)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet

from calaccess_processed.models import PROCESSED_MODELS, FilerContributionGroup, FilerYearTotal
from calaccess_web.models import SearchEntry

from . import NotFound
from .filings import filer_filings

#: Contribution sizes (net amounts, dollars): label, lowest, highest (exclusive; None: open).
#: The bands are the processed groups' (``FilerContributionGroup.SIZE_BOUNDS``); only their
#: labels are the page's.
SIZE_LABELS = (
    "Returned (negative)",
    "Under $100",
    "$100 – $499",
    "$500 – $999",
    "$1,000 – $4,999",
    "$5,000 and over",
)
_BOUNDS: tuple[Decimal | None, ...] = tuple(
    Decimal(bound) for bound in FilerContributionGroup.SIZE_BOUNDS
)
SIZES: tuple[tuple[str, Decimal | None, Decimal | None], ...] = tuple(
    zip(SIZE_LABELS, (None, *_BOUNDS), (*_BOUNDS, None), strict=True)
)
PERIOD_FIELDS = (
    "filing_id",
    "amendment_count",
    "from_date",
    "thru_date",
    "date_filed",
    "statement_type",
    "monetary_contributions",
    "total_contributions",
    "total_expenditures_made",
    "ending_cash_balance",
    "schedule_a_reconciled",
    "schedule_a_difference",
    "line_1_reconciled",
    "line_1_difference",
)
TOP = 10


@dataclass
class YearTotal:
    """A processed filer-year total and the filings it counts."""

    total: FilerYearTotal
    filing_ids: list[int] = field(default_factory=list)
    late_filing_ids: list[int] = field(default_factory=list)


@dataclass
class CommitteePage:
    entry: SearchEntry
    internal_ids: set[int]
    periods: list[dict[str, Any]]
    years: list[YearTotal]
    filings: list[dict[str, Any]]
    top_by_total: list[dict[str, Any]]
    top_by_count: list[dict[str, Any]]
    by_size: list[dict[str, Any]]
    by_place: list[dict[str, Any]]
    by_employer: list[dict[str, Any]]

    @property
    def unreconciled(self) -> list[dict[str, Any]]:
        return [
            p for p in self.periods if False in (p["schedule_a_reconciled"], p["line_1_reconciled"])
        ]


def find_committee(filer_id: str) -> SearchEntry:
    """The committee or filer with this filer id, as the search knows it."""
    kinds = (SearchEntry.COMMITTEE, SearchEntry.FILER)
    entry = SearchEntry.objects.filter(kind__in=kinds, key=filer_id).first()
    if entry is None:
        raise NotFound(f"no committee or filer has the filer id {filer_id!r}")
    return entry


def periods(internal_ids: set[int]) -> list[dict[str, Any]]:
    """The filer's latest Form 460s in period order; ``counted`` is False for a filing whose
    period a later filing overlaps (the totals count the later one, as FilerYearTotal does)."""
    filings = PROCESSED_MODELS["Form460Filing"]._default_manager
    later = filings.filter(
        filer_internal_id=OuterRef("filer_internal_id"),
        filing_id__gt=OuterRef("filing_id"),
        from_date__lte=OuterRef("thru_date"),
        thru_date__gte=OuterRef("from_date"),
    )
    rows = (
        filings.filter(filer_internal_id__in=internal_ids)
        .annotate(overlapped=Exists(later))
        .order_by("from_date", "filing_id")
        .values(*PERIOD_FIELDS, "filer_internal_id", "overlapped")
    )
    return [{**row, "counted": not row["overlapped"]} for row in rows]


def _uncovered_late_filings(internal_ids: set[int]) -> QuerySet:
    """(filing id, date) of the filer's Form 497 lines no Form 460 covers (one query)."""
    items = PROCESSED_MODELS["Form497Part1Item"]._default_manager
    covers = PROCESSED_MODELS["Form460Filing"]._default_manager.filter(
        filer_internal_id__in=internal_ids,
        from_date__lte=OuterRef("transaction_date"),
        thru_date__gte=OuterRef("transaction_date"),
    )
    late = PROCESSED_MODELS["Form497Filing"]._default_manager.filter(
        filer_internal_id__in=internal_ids
    )
    return (
        items.filter(filing_id__in=late.values("filing_id"), is_memo=False)
        .exclude(Exists(covers))
        .values_list("filing_id", "transaction_date")
    )


def year_totals(internal_ids: set[int], period_rows: list[dict[str, Any]]) -> list[YearTotal]:
    """The processed totals per calendar year, each with the filings it counts."""
    totals = FilerYearTotal.objects.filter(filer_internal_id__in=internal_ids)
    totals = totals.order_by("calendar_year")
    years = {total.calendar_year: YearTotal(total) for total in totals}
    for row in period_rows:
        if row["counted"] and row["thru_date"] and row["thru_date"].year in years:
            years[row["thru_date"].year].filing_ids.append(row["filing_id"])
    for filing_id, when in _uncovered_late_filings(internal_ids):
        year = years.get(when.year) if when else None
        if year and filing_id not in year.late_filing_ids:
            year.late_filing_ids.append(filing_id)
    return list(years.values())


def _groups(internal_id: int | None, grouping: str) -> QuerySet:
    """The filer's contribution groups of one kind (computed by ``total_filings``, per filer:
    one filer's, never added up across several). None, a filer without a numeric id: none."""
    if internal_id is None:
        return FilerContributionGroup.objects.none()
    return FilerContributionGroup.objects.filter(filer_internal_id=internal_id, grouping=grouping)


def _largest(
    internal_id: int | None, grouping: str, first: str, second: str, order: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The :data:`TOP` largest groups, their values named as the contributions' columns."""
    rows = _groups(internal_id, grouping).order_by(*order)[:TOP]
    return list(
        rows.values("total", "count", **{first: F("first_value"), second: F("second_value")})
    )


def by_size(internal_id: int | None) -> list[dict[str, Any]]:
    """Count and sum of the contributions in each size band."""
    bands = {
        int(row["first_value"]): row
        for row in _groups(internal_id, FilerContributionGroup.SIZE).values(
            "first_value", "count", "total"
        )
    }
    return [
        {
            "label": label,
            "count": bands[index]["count"] if index in bands else 0,
            "total": (bands[index]["total"] if index in bands else None) or 0,
        }
        for index, (label, _low, _high) in enumerate(SIZES)
    ]


def committee_page(filer_id: str) -> CommitteePage:
    """By the filer's numeric id, which the processed filings and totals are indexed by (a text
    cover id and the number it resolves to show the same filer)."""
    entry = find_committee(filer_id)
    internal_ids = {entry.filer_internal_id} if entry.filer_internal_id else set()
    period_rows = periods(internal_ids)
    name = ("contributor_lastname", "contributor_firstname")
    internal_id = entry.filer_internal_id or None
    contributor = (internal_id, FilerContributionGroup.CONTRIBUTOR, *name)
    return CommitteePage(
        entry=entry,
        internal_ids=internal_ids,
        periods=period_rows,
        years=year_totals(internal_ids, period_rows),
        filings=filer_filings(internal_ids),
        top_by_total=_largest(*contributor, order=("-total", "-count")),
        top_by_count=_largest(*contributor, order=("-count", "-total")),
        by_size=by_size(internal_id),
        by_place=_largest(
            internal_id,
            FilerContributionGroup.PLACE,
            "contributor_state",
            "zip5",
            order=("-total", "first_value"),
        ),
        by_employer=_largest(
            internal_id,
            FilerContributionGroup.EMPLOYER,
            "contributor_employer",
            "contributor_occupation",
            order=("-total", "-count"),
        ),
    )
