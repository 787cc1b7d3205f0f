"""Fill :class:`~calaccess_processed.models.FilerYearTotal`,
:class:`~calaccess_processed.models.FilerPeriodTotal` and
:class:`~calaccess_processed.models.FilerContributionGroup`, one set-based statement each.

The year statement sums two kinds of parts per (filer, calendar year): each latest Form 460 (summary
lines and Schedule A items; when a later filing of the same filer covers an overlapping period,
it only counts as overlapping) and each Form 497 late contribution received (covered when a
counted latest Form 460 of the filer, one no later filing overlaps, spans its date; uncovered
otherwise). The rule is the one declared in ``specs/data/totals_rules.csv``;
:func:`calaccess_processed.specs.totals_rules` refuses any other. The period statement applies
the same rule per latest Form 460 and per run of uncovered late contributions, so the periods of
a filer add up to its years.
"""

from __future__ import annotations

from django.db import connections, transaction

from calaccess_processed import specs
from calaccess_processed.models import (
    PROCESSED_MODELS,
    FilerContributionGroup,
    FilerPeriodTotal,
    FilerYearTotal,
)

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


def _latest_460s(f460: str, items: str) -> str:
    """Each latest Form 460 (``f.*``) with ``winner``, the highest later filing of its filer whose
    period overlaps it (NULL: none, so it counts), ``n_overlap``, how many other filings overlap
    it, and its Schedule A rows: ``a_n`` (memo rows included) and ``a_sum`` (net, without them).

    Joins grouped once, not a subquery per filing and per reference: a database would run those
    again for every row and every column that names them.
    """
    overlap = (
        f"SELECT f.filing_id AS o_filing_id,"
        f" MAX(CASE WHEN g.filing_id > f.filing_id THEN g.filing_id END) AS winner,"
        f" COUNT(g.filing_id) AS n_overlap"
        f" FROM {f460} f LEFT JOIN {f460} g ON g.filer_internal_id = f.filer_internal_id"
        f" AND g.filing_id <> f.filing_id AND g.from_date <= f.thru_date"
        f" AND g.thru_date >= f.from_date GROUP BY f.filing_id"
    )
    schedule_a = (
        f"SELECT a.filing_id AS a_filing_id, COUNT(*) AS a_n,"
        f" SUM(CASE WHEN a.is_memo = FALSE THEN a.net_amount END) AS a_sum"
        f" FROM {items} a GROUP BY a.filing_id"
    )
    return (
        f"SELECT f.*, o.winner, o.n_overlap, COALESCE(sa.a_n, 0) AS a_n, sa.a_sum"
        f" FROM {f460} f JOIN ({overlap}) o ON o.o_filing_id = f.filing_id"
        f" LEFT JOIN ({schedule_a}) sa ON sa.a_filing_id = f.filing_id"
    )


def _counted_460s(f460: str) -> str:
    """The latest Form 460s that count (``k_filing_id``, ``k_fid``, ``k_from``, ``k_thru``): those
    no later filing of their filer overlaps (``winner`` NULL in :func:`_latest_460s`)."""
    return (
        f"SELECT f.filing_id AS k_filing_id, f.filer_internal_id AS k_fid,"
        f" f.from_date AS k_from, f.thru_date AS k_thru"
        f" FROM {f460} f LEFT JOIN {f460} g ON g.filer_internal_id = f.filer_internal_id"
        f" AND g.filing_id > f.filing_id AND g.from_date <= f.thru_date"
        f" AND g.thru_date >= f.from_date WHERE g.filing_id IS NULL"
    )


def _late_lines(f460: str, f497: str, late: str) -> str:
    """Each Form 497 late contribution received (memo rows excluded) with its filer (``fid``,
    ``ftext``), ``day``, ``amount`` and ``covered`` (1 when a counted Form 460 of the filer spans
    its date: one overlapped by a later filing is summed nowhere, so a late contribution inside
    it alone must count as uncovered, not vanish)."""
    return (
        f"SELECT i.id AS line_id, r.filer_internal_id AS fid, r.filer_id AS ftext,"
        f" i.transaction_date AS day, i.amount AS amount,"
        f" MAX(CASE WHEN f.k_filing_id IS NULL THEN 0 ELSE 1 END) AS covered"
        f" FROM {late} i JOIN {f497} r ON r.filing_id = i.filing_id"
        f" LEFT JOIN ({_counted_460s(f460)}) f ON f.k_fid = r.filer_internal_id"
        f" AND f.k_from <= i.transaction_date AND f.k_thru >= i.transaction_date"
        f" WHERE i.is_memo = FALSE"
        f" GROUP BY i.id, r.filer_internal_id, r.filer_id, i.transaction_date, i.amount"
    )


def totals_statement(dialect: Dialect) -> str:
    specs.totals_rules()
    f460, items = _table(dialect, "Form460Filing"), _table(dialect, "Form460ScheduleAItem")
    f497, late = _table(dialect, "Form497Filing"), _table(dialect, "Form497Part1Item")

    def counted(value: str) -> str:
        return f"CASE WHEN c.winner IS NULL THEN {value} END"

    part_460 = (
        f"SELECT c.filer_internal_id AS fid, c.filer_id AS ftext,"
        f" {dialect.year_of('c.thru_date')} AS yr,"
        f" CASE WHEN c.winner IS NULL THEN 1 ELSE 0 END AS n460,"
        f" CASE WHEN c.winner IS NULL THEN 0 ELSE 1 END AS n_overlap,"
        f" {counted('c.a_n')} AS a_n, {counted('c.a_sum')} AS a_sum,"
        f" {counted('c.monetary_contributions')} AS l1, {counted('c.total_contributions')} AS l5,"
        f" {counted('c.total_expenditures_made')} AS l11, 0 AS cov, 0 AS unc"
        f" FROM ({_latest_460s(f460, items)}) c"
    )
    part_497 = (
        f"SELECT ll.fid, ll.ftext, {dialect.year_of('ll.day')}, 0, 0, 0, 0, NULL, NULL, NULL,"
        f" CASE WHEN ll.covered = 1 THEN ll.amount ELSE 0 END,"
        f" CASE WHEN ll.covered = 1 THEN 0 ELSE ll.amount END"
        f" FROM ({_late_lines(f460, f497, late)}) ll"
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

    def counted(value: str) -> str:
        return f"CASE WHEN c.winner IS NULL THEN {value} END"

    inside = (
        f"SELECT f.filing_id AS in_filing_id, SUM(i.amount) AS inside FROM {f460} f"
        f" JOIN {f497} r ON r.filer_internal_id = f.filer_internal_id"
        f" JOIN {late} i ON i.filing_id = r.filing_id WHERE i.is_memo = FALSE"
        f" AND i.transaction_date >= f.from_date AND i.transaction_date <= f.thru_date"
        f" GROUP BY f.filing_id"
    )
    part_460 = (
        f"SELECT c.filer_internal_id, c.filer_id, '{FilerPeriodTotal.FORM_460}', c.filing_id,"
        f" c.from_date, c.thru_date,"
        f" NULL, CASE WHEN c.winner IS NULL THEN TRUE ELSE FALSE END, c.winner, c.n_overlap,"
        f" {counted('c.a_n')}, {counted('c.a_sum')}, {counted('c.monetary_contributions')},"
        f" {counted('c.total_contributions')}, {counted('c.total_expenditures_made')},"
        f" {counted('ins.inside')}, 0, NULL, {counted('c.monetary_contributions')}"
        f" FROM ({_latest_460s(f460, items)}) c"
        f" LEFT JOIN ({inside}) ins ON ins.in_filing_id = c.filing_id"
        f" WHERE c.filer_internal_id IS NOT NULL AND c.thru_date IS NOT NULL"
    )
    previous_end = (
        f"(SELECT MAX(f.k_thru) FROM ({_counted_460s(f460)}) f WHERE f.k_fid = ll.fid"
        f" AND f.k_thru < ll.day)"
    )
    uncovered = (
        f"SELECT ll.fid, ll.ftext, ll.day, ll.amount, {previous_end} AS after_end"
        f" FROM ({_late_lines(f460, f497, late)}) ll"
        f" WHERE ll.covered = 0 AND ll.fid IS NOT NULL AND ll.day IS NOT NULL"
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


def contribution_groups_statement(dialect: Dialect) -> str:
    """Group every filer's contributions four ways in one ``INSERT … SELECT``: the Schedule A
    items of its latest Form 460s, memo rows excluded, by contributor, place, employer and size
    band (items without an amount in no band), each with its sum and count."""
    items = _table(dialect, "Form460ScheduleAItem")
    f460 = _table(dialect, "Form460Filing")
    band = " + ".join(
        f"CASE WHEN a.net_amount >= {bound} THEN 1 ELSE 0 END"
        for bound in FilerContributionGroup.SIZE_BOUNDS
    )
    size = dialect.to_text(f"({band})")
    groupings = (  # grouping, first value, second value, condition
        (
            FilerContributionGroup.CONTRIBUTOR,
            "a.contributor_lastname",
            "a.contributor_firstname",
            "",
        ),
        (
            FilerContributionGroup.PLACE,
            "a.contributor_state",
            "SUBSTR(a.contributor_zip, 1, 5)",
            "",
        ),
        (FilerContributionGroup.EMPLOYER, "a.contributor_employer", "a.contributor_occupation", ""),
        (FilerContributionGroup.SIZE, size, None, " AND a.net_amount IS NOT NULL"),
    )
    selects = [
        f"SELECT f.filer_internal_id, '{grouping}', {first}, {second or 'NULL'},"
        f" SUM(a.net_amount), COUNT(*)"
        f" FROM {items} a JOIN {f460} f ON f.filing_id = a.filing_id"
        f" WHERE a.is_memo = FALSE AND f.filer_internal_id IS NOT NULL{condition}"
        f" GROUP BY f.filer_internal_id, {first}{f', {second}' if second else ''}"
        for grouping, first, second, condition in groupings
    ]
    # The SELECTs give the model's columns in its field order.
    names = ", ".join(
        dialect.quote(field.column)
        for field in FilerContributionGroup._meta.concrete_fields
        if not field.primary_key
    )
    return (
        f"INSERT INTO {dialect.quote(FilerContributionGroup._meta.db_table)} ({names})"
        f" {' UNION ALL '.join(selects)}"
    )


def total_filings() -> int:
    """Replace every filer-year and filer-period total and every filer's contribution groups, in
    one transaction; return how many filer-year totals there are."""
    alias = processed_alias()
    connection = connections[alias]
    dialect = dialect_for(connection)
    with transaction.atomic(using=alias):
        FilerYearTotal.objects.using(alias).all().delete()
        FilerPeriodTotal.objects.using(alias).all().delete()
        FilerContributionGroup.objects.using(alias).all().delete()
        with connection.cursor() as cursor:
            for setting in dialect.transaction_settings():
                cursor.execute(setting)
            for name in ("Form460Filing", "Form460ScheduleAItem", "Form497Filing"):
                if (analyze := dialect.analyze(_table(dialect, name))) is not None:
                    cursor.execute(analyze)
            cursor.execute(totals_statement(dialect))
            cursor.execute(period_totals_statement(dialect))
            cursor.execute(contribution_groups_statement(dialect))
    return FilerYearTotal.objects.using(alias).count()
