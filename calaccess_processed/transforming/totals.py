"""Fill :class:`~calaccess_processed.models.FilerYearTotal` and
:class:`~calaccess_processed.models.FilerPeriodTotal`, one set-based statement each.

The year statement sums two kinds of parts per (filer, calendar year): each latest Form 460 (summary
lines and Schedule A items; when a later filing of the same filer covers an overlapping period,
it only counts as overlapping) and each Form 497 late contribution received (covered when a
latest Form 460 of the filer spans its date, uncovered otherwise). The rule is the one declared in
``specs/data/totals_rules.csv``; :func:`calaccess_processed.specs.totals_rules` refuses any other.
The period statement applies the same rule per latest Form 460 and per run of uncovered late
contributions, so the periods of a filer add up to its years.
"""

from __future__ import annotations

from django.db import connections, transaction

from calaccess_processed import specs
from calaccess_processed.models import PROCESSED_MODELS, FilerPeriodTotal, FilerYearTotal

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


def _overlapping(f460: str, later_only: bool) -> str:
    """Latest Form 460 filings ``g`` of the filer of ``f`` whose period overlaps ``f``'s."""
    other = "g.filing_id > f.filing_id" if later_only else "g.filing_id <> f.filing_id"
    return (
        f"FROM {f460} g WHERE g.filer_internal_id = f.filer_internal_id AND {other}"
        f" AND g.from_date <= f.thru_date AND g.thru_date >= f.from_date"
    )


def _covered(f460: str) -> str:
    """Whether a latest Form 460 of the filer of 497 ``r`` spans the date of its line ``i``."""
    return (
        f"EXISTS (SELECT 1 FROM {f460} f WHERE f.filer_internal_id = r.filer_internal_id"
        f" AND f.from_date <= i.transaction_date AND f.thru_date >= i.transaction_date)"
    )


def totals_statement(dialect: Dialect) -> str:
    specs.totals_rules()
    f460, items = _table(dialect, "Form460Filing"), _table(dialect, "Form460ScheduleAItem")
    f497, late = _table(dialect, "Form497Filing"), _table(dialect, "Form497Part1Item")
    overlapped = f"EXISTS (SELECT 1 {_overlapping(f460, later_only=True)})"
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
    covered = _covered(f460)
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


PERIOD_TARGETS = (
    "filer_internal_id",
    "filer_id",
    "kind",
    "filing_id",
    "from_date",
    "thru_date",
    "after_thru_date",
    "is_counted",
    "overlapped_by_filing_id",
    "overlapping_filing_count",
    "schedule_a_item_count",
    "schedule_a_itemized",
    "monetary_contributions",
    "total_contributions",
    "total_expenditures_made",
    "covered_late_contributions",
    "late_contribution_count",
    "uncovered_late_contributions",
    "monetary_contributions_with_late",
)


def period_totals_statement(dialect: Dialect) -> str:
    """The statement filling every filer-period total."""
    specs.totals_rules()
    f460, items = _table(dialect, "Form460Filing"), _table(dialect, "Form460ScheduleAItem")
    f497, late = _table(dialect, "Form497Filing"), _table(dialect, "Form497Part1Item")
    winner = f"(SELECT MAX(g.filing_id) {_overlapping(f460, later_only=True)})"
    filings = (
        f"SELECT f.*, {winner} AS winner,"
        f" (SELECT COUNT(*) {_overlapping(f460, later_only=False)}) AS n_overlap FROM {f460} f"
        f" WHERE f.filer_internal_id IS NOT NULL AND f.thru_date IS NOT NULL"
    )

    def counted(value: str) -> str:
        return f"CASE WHEN c.winner IS NULL THEN {value} END"

    a_count = f"(SELECT COUNT(*) FROM {items} a WHERE a.filing_id = c.filing_id)"
    a_sum = (
        f"(SELECT SUM(a.net_amount) FROM {items} a WHERE a.filing_id = c.filing_id"
        f" AND a.is_memo = FALSE)"
    )
    inside = (
        f"(SELECT SUM(i.amount) FROM {late} i JOIN {f497} r ON r.filing_id = i.filing_id"
        f" WHERE r.filer_internal_id = c.filer_internal_id AND i.is_memo = FALSE"
        f" AND i.transaction_date >= c.from_date AND i.transaction_date <= c.thru_date)"
    )
    part_460 = (
        f"SELECT c.filer_internal_id, c.filer_id, '{FilerPeriodTotal.FORM_460}', c.filing_id,"
        f" c.from_date, c.thru_date,"
        f" NULL, CASE WHEN c.winner IS NULL THEN TRUE ELSE FALSE END, c.winner, c.n_overlap,"
        f" {counted(a_count)}, {counted(a_sum)}, {counted('c.monetary_contributions')},"
        f" {counted('c.total_contributions')}, {counted('c.total_expenditures_made')},"
        f" {counted(inside)}, 0, NULL, {counted('c.monetary_contributions')}"
        f" FROM ({filings}) c"
    )
    previous_end = (
        f"(SELECT MAX(f.thru_date) FROM {f460} f WHERE f.filer_internal_id = r.filer_internal_id"
        f" AND f.thru_date < i.transaction_date)"
    )
    uncovered = (
        f"SELECT r.filer_internal_id AS fid, r.filer_id AS ftext, i.transaction_date AS day,"
        f" i.amount AS amount, {previous_end} AS after_end"
        f" FROM {late} i JOIN {f497} r ON r.filing_id = i.filing_id"
        f" WHERE i.is_memo = FALSE AND r.filer_internal_id IS NOT NULL"
        f" AND i.transaction_date IS NOT NULL AND NOT {_covered(f460)}"
    )
    part_497 = (
        f"SELECT u.fid, MIN(u.ftext), '{FilerPeriodTotal.LATE_CONTRIBUTIONS}', NULL,"
        f" MIN(u.day), MAX(u.day), u.after_end, TRUE, NULL,"
        f" 0, NULL, NULL, NULL, NULL, NULL, NULL, COUNT(*), SUM(u.amount), SUM(u.amount)"
        f" FROM ({uncovered}) u GROUP BY u.fid, u.after_end"
    )
    names = ", ".join(dialect.quote(name) for name in PERIOD_TARGETS)
    return (
        f"INSERT INTO {dialect.quote(FilerPeriodTotal._meta.db_table)} ({names})"
        f" {part_460} UNION ALL {part_497}"
    )


def total_filings() -> int:
    """Replace every filer-year and filer-period total, in one transaction; return how many
    filer-year totals there are."""
    alias = processed_alias()
    connection = connections[alias]
    dialect = dialect_for(connection)
    with transaction.atomic(using=alias):
        FilerYearTotal.objects.using(alias).all().delete()
        FilerPeriodTotal.objects.using(alias).all().delete()
        with connection.cursor() as cursor:
            for name in ("Form460Filing", "Form460ScheduleAItem", "Form497Filing"):
                if (analyze := dialect.analyze(_table(dialect, name))) is not None:
                    cursor.execute(analyze)
            cursor.execute(totals_statement(dialect))
            cursor.execute(period_totals_statement(dialect))
    return FilerYearTotal.objects.using(alias).count()
