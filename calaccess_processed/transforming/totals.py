"""Fill :class:`~calaccess_processed.models.FilerYearTotal` in one set-based statement.

The statement sums two kinds of parts per (filer, calendar year): each latest Form 460 (summary
lines and Schedule A items; when a later filing of the same filer covers an overlapping period,
it only counts as overlapping) and each Form 497 late contribution received (covered when a
latest Form 460 of the filer spans its date, uncovered otherwise). The rule is the one declared in
``specs/data/totals_rules.csv``; :func:`calaccess_processed.specs.totals_rules` refuses any other.
"""

from __future__ import annotations

from django.db import connections, transaction

from calaccess_processed import specs
from calaccess_processed.models import PROCESSED_MODELS, FilerYearTotal

from .dialects import Dialect, dialect_for
from .transformer import processed_alias

TARGETS = (
    "filer_internal_id",
    "filer_id",
    "calendar_year",
    "form460_filing_count",
    "overlapping_filing_count",
    "schedule_a_item_count",
    "schedule_a_itemized",
    "monetary_contributions",
    "total_contributions",
    "total_expenditures_made",
    "covered_late_contributions",
    "uncovered_late_contributions",
    "monetary_contributions_with_late",
)


def _table(dialect: Dialect, name: str) -> str:
    return dialect.quote(PROCESSED_MODELS[name]._meta.db_table)


def totals_statement(dialect: Dialect) -> str:
    specs.totals_rules()
    f460, items = _table(dialect, "Form460Filing"), _table(dialect, "Form460ScheduleAItem")
    f497, late = _table(dialect, "Form497Filing"), _table(dialect, "Form497Part1Item")
    overlapped = (
        f"EXISTS (SELECT 1 FROM {f460} g WHERE g.filer_internal_id = f.filer_internal_id"
        f" AND g.filing_id > f.filing_id AND g.from_date <= f.thru_date"
        f" AND g.thru_date >= f.from_date)"
    )
    filings = f"SELECT f.*, CASE WHEN {overlapped} THEN 1 ELSE 0 END AS overlapped FROM {f460} f"

    def counted(value: str) -> str:
        return f"CASE WHEN c.overlapped = 0 THEN {value} END"

    a_count = f"(SELECT COUNT(*) FROM {items} a WHERE a.filing_id = c.filing_id)"
    a_sum = (
        f"(SELECT SUM(a.net_amount) FROM {items} a WHERE a.filing_id = c.filing_id"
        f" AND a.is_memo = FALSE)"
    )
    part_460 = (
        f"SELECT c.filer_internal_id AS fid, c.filer_id AS ftext,"
        f" {dialect.year_of('c.thru_date')} AS yr, 1 - c.overlapped AS n460,"
        f" c.overlapped AS n_overlap, {counted(a_count)} AS a_n, {counted(a_sum)} AS a_sum,"
        f" {counted('c.monetary_contributions')} AS l1, {counted('c.total_contributions')} AS l5,"
        f" {counted('c.total_expenditures_made')} AS l11, 0 AS cov, 0 AS unc"
        f" FROM ({filings}) c"
    )
    covered = (
        f"EXISTS (SELECT 1 FROM {f460} f WHERE f.filer_internal_id = r.filer_internal_id"
        f" AND f.from_date <= i.transaction_date AND f.thru_date >= i.transaction_date)"
    )
    part_497 = (
        f"SELECT r.filer_internal_id, r.filer_id, {dialect.year_of('i.transaction_date')},"
        f" 0, 0, 0, 0, NULL, NULL, NULL,"
        f" CASE WHEN {covered} THEN i.amount ELSE 0 END,"
        f" CASE WHEN {covered} THEN 0 ELSE i.amount END"
        f" FROM {late} i JOIN {f497} r ON r.filing_id = i.filing_id WHERE i.is_memo = FALSE"
    )
    values = (
        "fid, MIN(ftext), yr, SUM(n460), SUM(n_overlap), SUM(a_n), SUM(a_sum), SUM(l1), SUM(l5),"
        " SUM(l11), SUM(cov), SUM(unc), COALESCE(SUM(l1), 0) + SUM(unc)"
    )
    names = ", ".join(dialect.quote(name) for name in TARGETS)
    return (
        f"INSERT INTO {dialect.quote(FilerYearTotal._meta.db_table)} ({names})"
        f" SELECT {values} FROM ({part_460} UNION ALL {part_497}) parts"
        f" WHERE fid IS NOT NULL AND yr IS NOT NULL GROUP BY fid, yr"
    )


def total_filings() -> int:
    """Replace every filer-year total, in one transaction; return how many there are."""
    alias = processed_alias()
    connection = connections[alias]
    with transaction.atomic(using=alias):
        FilerYearTotal.objects.using(alias).all().delete()
        with connection.cursor() as cursor:
            cursor.execute(totals_statement(dialect_for(connection)))
    return FilerYearTotal.objects.using(alias).count()
