"""A committee's page: its totals (from the processed totals, never re-added from items), the
filings each figure came from, its filings and who gave it money."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Substr

from calaccess_processed.models import PROCESSED_MODELS, FilerYearTotal
from calaccess_web.models import SearchEntry

from . import NotFound
from .filings import filer_filings

#: Contribution sizes (net amounts, dollars): label, lowest, highest (exclusive; None: open).
SIZES: tuple[tuple[str, Decimal | None, Decimal | None], ...] = (
    ("Returned (negative)", None, Decimal(0)),
    ("Under $100", Decimal(0), Decimal(100)),
    ("$100 – $499", Decimal(100), Decimal(500)),
    ("$500 – $999", Decimal(500), Decimal(1000)),
    ("$1,000 – $4,999", Decimal(1000), Decimal(5000)),
    ("$5,000 and over", Decimal(5000), None),
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


def _contributions(internal_ids: set[int]) -> QuerySet:
    """Schedule A items of the filer's latest Form 460s, memo rows left out."""
    filings = PROCESSED_MODELS["Form460Filing"]._default_manager.filter(
        filer_internal_id__in=internal_ids
    )
    items = PROCESSED_MODELS["Form460ScheduleAItem"]._default_manager
    return items.filter(filing_id__in=filings.values("filing_id"), is_memo=False)


def _grouped(items: QuerySet, *columns: Any, order: tuple[str, ...], **expressions: Any) -> list:
    return list(
        items.values(*columns, **expressions)
        .annotate(total=Sum("net_amount"), count=Count("id"))
        .order_by(*order)[:TOP]
    )


def by_size(items: QuerySet) -> list[dict[str, Any]]:
    """Count and sum of the contributions in each size band (one query)."""
    aggregates: dict[str, Any] = {}
    for index, (_label, low, high) in enumerate(SIZES):
        condition = Q()
        if low is not None:
            condition &= Q(net_amount__gte=low)
        if high is not None:
            condition &= Q(net_amount__lt=high)
        aggregates[f"count_{index}"] = Count("id", filter=condition)
        aggregates[f"total_{index}"] = Sum("net_amount", filter=condition)
    values = items.aggregate(**aggregates)
    return [
        {"label": label, "count": values[f"count_{i}"], "total": values[f"total_{i}"] or 0}
        for i, (label, _low, _high) in enumerate(SIZES)
    ]


def committee_page(filer_id: str) -> CommitteePage:
    """By the filer's numeric id, which the processed filings and totals are indexed by (a text
    cover id and the number it resolves to show the same filer)."""
    entry = find_committee(filer_id)
    internal_ids = {entry.filer_internal_id} if entry.filer_internal_id else set()
    period_rows = periods(internal_ids)
    items = _contributions(internal_ids)
    name = ("contributor_lastname", "contributor_firstname")
    return CommitteePage(
        entry=entry,
        internal_ids=internal_ids,
        periods=period_rows,
        years=year_totals(internal_ids, period_rows),
        filings=filer_filings(internal_ids),
        top_by_total=_grouped(items, *name, order=("-total", "-count")),
        top_by_count=_grouped(items, *name, order=("-count", "-total")),
        by_size=by_size(items),
        by_place=_grouped(
            items,
            "contributor_state",
            zip5=Substr("contributor_zip", 1, 5),
            order=("-total", "contributor_state"),
        ),
        by_employer=_grouped(
            items, "contributor_employer", "contributor_occupation", order=("-total", "-count")
        ),
    )
