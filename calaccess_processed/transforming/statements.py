"""The set-based SQL that fills one form's models from the raw tables, written from the specs.

Every statement is one ``INSERT … SELECT``: the database does the work, no row passes through
Python. Each reads the raw rows of its model's form types, numbered per key with ``ROW_NUMBER()``
so the first row (lowest raw id) of a duplicated key is taken and the others are logged as
skipped; only the rows with a cover are numbered, those without are logged by an anti-join. Version
chains (position, count, successor) come from window functions over the kept covers.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeAlias

from django.db import models

from calaccess_processed import decoding, specs
from calaccess_processed.models.tracking import SkippedRawRow
from calaccess_processed.specs import FieldSpec, FormSpec, ModelSpec
from calaccess_raw import schema

from . import decoding as decoded_sql
from .dialects import Dialect

SqlValue: TypeAlias = str | int | Decimal | datetime.date | None
"""A value the statements pass as a parameter: what every database driver adapts."""


#: The columns of a skip-log row (SkippedRawRow) that the statements fill, in their order.
SKIPPED_COLUMNS = (
    "version_id",
    "model_name",
    "source_table",
    "raw_row_id",
    "filing_id",
    "amend_id",
    "line_item",
    "form_type",
    "reason",
)


@dataclass(frozen=True)
class Statement:
    """One SQL statement and its parameters."""

    sql: str
    params: tuple[SqlValue, ...] = ()


def _placeholders(values: Sequence[SqlValue]) -> str:
    return ", ".join(["%s"] * len(values))


class FormStatements:
    """The statements of one form, for one database."""

    def __init__(
        self,
        form: FormSpec,
        dialect: Dialect,
        processed: Mapping[str, type[models.Model]],
        version_id: int,
        raw_databases: Mapping[str, str] | None = None,
    ) -> None:
        self.form = form
        self.d = dialect
        self.processed = processed
        self.version_id = version_id
        #: Raw tables read from another database of the server, by that database's name.
        self.raw_databases = raw_databases or {}

    # -- names ---------------------------------------------------------------------------------

    def table(self, model_name: str) -> str:
        return self.d.quote(self.processed[model_name]._meta.db_table)

    def raw(self, name: str) -> str:
        return raw_table(self.d, name, self.raw_databases)

    def col(self, alias: str, column: str) -> str:
        return f"{alias}.{self.d.quote(column)}"

    # -- conversions ---------------------------------------------------------------------------

    def convert(self, field: FieldSpec, source_table: str, alias: str) -> str:
        """The SQL expression of one declared field over the raw row ``alias``."""
        value = self.col(alias, field.column)
        raw_type = schema.load().table(source_table).field(field.column).type
        conversion = field.conversion
        if conversion == "text":
            return f"NULLIF({value}, '')"
        if conversion in {"integer", "decimal"}:
            return value
        if conversion == "date":
            return self.d.date_of(value) if raw_type == "DateTimeField" else value
        if conversion == "flag":
            if raw_type == "IntegerField":
                return f"CASE WHEN {value} <> 0 THEN TRUE WHEN {value} = 0 THEN FALSE END"
            return f"CASE WHEN UPPER({value}) IN ('Y', 'X') THEN TRUE ELSE FALSE END"
        if conversion == "net_of_returns":
            kind = self.col(alias, "TRAN_TYPE")
            return f"CASE WHEN {kind} = 'R' THEN -ABS({value}) ELSE {value} END"
        if conversion == "filer_xref":
            trimmed = f"TRIM({value})"
            numeric = f"CASE WHEN {self.d.is_digits(trimmed)} THEN {self.d.to_integer(trimmed)} END"
            return f"COALESCE(xref.{self.d.quote('FILER_ID')}, {numeric})"
        if conversion == "lookup":
            meanings = decoding.meanings(source_table, field.column)
            return decoded_sql.case(value, meanings, numeric=raw_type == "IntegerField")
        if conversion == "party":
            return self.party(field, source_table, alias)
        raise ValueError(f"unknown conversion {conversion!r}")

    def party(self, field: FieldSpec, source_table: str, alias: str) -> str:
        """The party a code names, else the one the free text names (normalised)."""
        numeric = schema.load().table(source_table).field(field.column).type == "IntegerField"
        codes = decoding.party_code_meanings(source_table, field.column)
        coded = decoded_sql.case(self.col(alias, field.column), codes, numeric=numeric)
        text = f"UPPER(TRIM({self.col(alias, decoding.PARTY_TEXT_COLUMN)}))"
        named = decoded_sql.case(
            text, specs.party_names(), numeric=False, otherwise=f"NULLIF({text}, '')"
        )
        return f"COALESCE({coded}, {named})"

    # -- numbered raw rows ---------------------------------------------------------------------

    def record_filter(self, name: str) -> str:
        """The SQL condition of a declared record filter over the raw row ``s``.

        A filter and its complement are ``X`` and ``NOT X`` with ``X`` never NULL, so the two
        split every row of their form type between them.
        """
        if not name:
            return ""
        base = name.removeprefix("not_")
        if base == "memo_with_parent":
            condition = (
                f"({self.col('s', 'MEMO_CODE')} <> '' AND {self.col('s', 'BAKREF_TID')} <> '')"
            )
        elif base == "b2_old_layout":
            early = f"{self.col('s', 'LOAN_DATE1')} < '{specs.B2_GUARANTOR_LAYOUT_SINCE}'"
            condition = (
                f"(COALESCE({self.col('s', 'LOAN_TYPE')}, '') <> '' OR COALESCE({early}, FALSE))"
            )
        else:
            raise ValueError(f"unknown record filter {name!r}")
        return f" AND NOT {condition}" if name.startswith("not_") else f" AND {condition}"

    def numbered(
        self,
        table: str,
        form_types: Sequence[str],
        key: Sequence[str],
        record_filter: str = "",
        covered: bool = False,
    ) -> Statement:
        """The raw rows of ``form_types``, each with ``dup_rank`` (1 = first of its key).

        ``covered``: only the rows with a cover version (the key holds FILING_ID and AMEND_ID,
        so a key's rows all have the cover or all lack it, and leaving the others out changes no
        rank). Most rows of an export may have no cover: joined first, the window sorts the
        rows that can be kept, not the whole table.
        """
        partition = ", ".join(self.col("s", column) for column in key)
        if covered and not {"FILING_ID", "AMEND_ID"} <= set(key):
            raise ValueError(f"a key without the cover's columns: {key}")
        cover = f" JOIN {self._cover_join('s')}" if covered else ""
        sql = (
            f"SELECT s.*, ROW_NUMBER() OVER (PARTITION BY {partition}"
            f" ORDER BY s.{self.d.quote('id')}) AS dup_rank FROM {self.raw(table)} s{cover}"
            f" WHERE {self._of_types(form_types, record_filter)}"
        )
        return Statement(sql, tuple(form_types))

    def _of_types(self, form_types: Sequence[str], record_filter: str = "") -> str:
        """The condition on raw rows ``s``: one of ``form_types``, passing the record filter."""
        return (
            f"s.{self.d.quote('FORM_TYPE')} IN ({_placeholders(form_types)})"
            f"{self.record_filter(record_filter)}"
        )

    def uncovered(
        self, table: str, form_types: Sequence[str], record_filter: str = ""
    ) -> Statement:
        """The raw rows ``s`` of ``form_types`` that no cover version has."""
        sql = (
            f"FROM {self.raw(table)} s WHERE {self._of_types(form_types, record_filter)}"
            f" AND NOT EXISTS (SELECT 1 FROM {self.table(self.form.filing.version_name)} v"
            f" WHERE {self._cover_condition('s')})"
        )
        return Statement(sql, tuple(form_types))

    def summary_lines(self, model: ModelSpec) -> Statement:
        """One row per version with each declared summary line as a column."""
        types = sorted({line.form_type for line in model.summary_lines})
        rows = self.numbered(
            specs.SUMMARY_TABLE, types, ("FILING_ID", "AMEND_ID", "FORM_TYPE", "LINE_ITEM")
        )
        columns, params = [], []
        for line in model.summary_lines:
            columns.append(
                f"MAX(CASE WHEN {self.col('l', 'FORM_TYPE')} = %s"
                f" AND {self.col('l', 'LINE_ITEM')} = %s"
                f" THEN {self.col('l', line.column)} END) AS {self.d.quote(line.field)}"
            )
            params.extend([line.form_type, line.line_item])
        keys = f"{self.col('l', 'FILING_ID')}, {self.col('l', 'AMEND_ID')}"
        sql = (
            f"SELECT {keys}, {', '.join(columns)} FROM ({rows.sql}) l"
            f" WHERE l.dup_rank = 1 GROUP BY {keys}"
        )
        return Statement(sql, (*params, *rows.params))

    # -- filings -------------------------------------------------------------------------------

    def insert_filing_versions(self) -> Statement:
        model = self.form.filing
        rows = self.numbered(model.source_table, model.form_types, ("FILING_ID", "AMEND_ID"))
        filing, amend = self.col("k", "FILING_ID"), self.col("k", "AMEND_ID")
        chain = f"OVER (PARTITION BY {filing} ORDER BY {amend})"
        targets = [
            "filing_id",
            "amend_id",
            "version_number",
            "version_count",
            "original_amend_id",
            "is_latest",
            "superseded_by_amend_id",
        ]
        values = [
            filing,
            amend,
            f"ROW_NUMBER() {chain}",
            f"COUNT(*) OVER (PARTITION BY {filing})",
            f"MIN({amend}) OVER (PARTITION BY {filing})",
            f"CASE WHEN LEAD({amend}) {chain} IS NULL THEN TRUE ELSE FALSE END",
            f"LEAD({amend}) {chain}",
        ]
        for field in model.fields:
            targets.append(field.field)
            values.append(self.convert(field, model.source_table, "k"))
        joins, params = "", list(rows.params)
        if model.summary_lines:
            summary = self.summary_lines(model)
            joins += (
                f" LEFT JOIN ({summary.sql}) sm ON {self.col('sm', 'FILING_ID')} = {filing}"
                f" AND {self.col('sm', 'AMEND_ID')} = {amend}"
            )
            params.extend(summary.params)
            for line in model.summary_lines:
                targets.append(line.field)
                values.append(f"sm.{self.d.quote(line.field)}")
        if any(field.conversion == "filer_xref" for field in model.fields):
            # The id a cover names may have several cross-references: the latest effective wins.
            xref_id, effective = self.d.quote("XREF_ID"), self.d.quote("EFFECT_DT")
            ranked = (
                f"SELECT x.*, ROW_NUMBER() OVER (PARTITION BY x.{xref_id}"
                f" ORDER BY x.{effective} DESC, x.{self.d.quote('id')} DESC) AS xref_rank"
                f" FROM {self.raw(specs.FILER_XREF_TABLE)} x"
            )
            joins += (
                f" LEFT JOIN ({ranked}) xref ON xref.{xref_id} = TRIM({self.col('k', 'FILER_ID')})"
                f" AND xref.xref_rank = 1"
            )
        sql = (
            f"INSERT INTO {self.table(model.version_name)} ({self._names(targets)})"
            f" SELECT {', '.join(values)} FROM ({rows.sql}) k{joins} WHERE k.dup_rank = 1"
        )
        # Parameters in textual order: the numbered covers, then the joins' parameters.
        return Statement(sql, tuple(params))

    def reconcile(self) -> list[Statement]:
        """Fill each declared check of the filing versions, once their items are in: one update
        of every item total, then one of every difference and flag (each update rewrites every
        version row, so one per check would rewrite them all again)."""
        model = self.form.filing
        table = self.table(model.version_name)
        totals, checks = [], []
        for check in model.reconciliations:
            summary = self.d.quote(check.summary_field)
            difference = self.d.quote(f"{check.name}_difference")
            if check.item_model:
                item = specs.load().model(check.item_model)
                memo = (
                    " AND i.is_memo = FALSE"
                    if any(f.field == "is_memo" for f in item.fields)
                    else ""
                )
                total = self.d.quote(f"{check.name}_item_total")
                amount = f"SUM(i.{self.d.quote(check.item_field)})"
                items = self.table(item.version_name)
                same_version = (
                    f"i.filing_id = {table}.filing_id AND i.amend_id = {table}.amend_id{memo}"
                )
                totals.append(f"{total} = (SELECT {amount} FROM {items} i WHERE {same_version})")
                other = f"COALESCE({total}, 0)"
            else:
                other = self.d.quote(check.other_summary_field)
            reconciled = self.d.quote(f"{check.name}_reconciled")
            # Rounded to cents: SQLite sums decimals as floating point.
            delta = f"ROUND({summary} - {other}, 2)"
            flag = (
                f"CASE WHEN {summary} IS NULL OR {other} IS NULL THEN NULL"
                f" WHEN {delta} = 0 THEN TRUE ELSE FALSE END"
            )
            checks.append(f"{difference} = {delta}, {reconciled} = {flag}")
        # The differences read the totals: a second statement, as an update's expressions read
        # the row as it was before it (on SQLite and PostgreSQL).
        return [
            Statement(f"UPDATE {table} SET {', '.join(sets)}") for sets in (totals, checks) if sets
        ]

    def insert_latest_filings(self) -> Statement:
        model = self.form.filing
        own = list(model.own_fields)
        targets = ["filing_id", "amend_id", "amendment_count", "version_count", *own]
        values = ["filing_id", "amend_id", "amend_id", "version_count", *own]
        sql = (
            f"INSERT INTO {self.table(model.latest_name)} ({self._names(targets)})"
            f" SELECT {self._names(values)} FROM {self.table(model.version_name)}"
            f" WHERE is_latest = TRUE"
        )
        return Statement(sql)

    # -- schedule summaries ----------------------------------------------------------------------

    def insert_summary_versions(self, model: ModelSpec) -> Statement:
        """One row per filing version (of a kept cover) with any of the schedule's lines."""
        summary = self.summary_lines(model)
        targets = ["filing_id", "amend_id", *(line.field for line in model.summary_lines)]
        values = [
            self.col("sm", "FILING_ID"),
            self.col("sm", "AMEND_ID"),
            *(f"sm.{self.d.quote(line.field)}" for line in model.summary_lines),
        ]
        sql = (
            f"INSERT INTO {self.table(model.version_name)} ({self._names(targets)})"
            f" SELECT {', '.join(values)} FROM ({summary.sql}) sm JOIN {self._cover_join('sm')}"
        )
        return Statement(sql, summary.params)

    def insert_latest_summaries(self, model: ModelSpec) -> Statement:
        names = ["filing_id", "amend_id", *(line.field for line in model.summary_lines)]
        sql = (
            f"INSERT INTO {self.table(model.latest_name)} ({self._names(names)})"
            f" SELECT {', '.join(f's.{self.d.quote(name)}' for name in names)}"
            f" FROM {self.table(model.version_name)} s"
            f" JOIN {self.table(self.form.filing.version_name)} v"
            f" ON v.filing_id = s.filing_id AND v.amend_id = s.amend_id WHERE v.is_latest = TRUE"
        )
        return Statement(sql)

    # -- items ---------------------------------------------------------------------------------

    def _item_rows(self, model: ModelSpec, covered: bool = False) -> Statement:
        return self.numbered(
            model.source_table, model.form_types, item_key(model), model.record_filter, covered
        )

    def _cover_condition(self, alias: str) -> str:
        return (
            f"v.filing_id = {self.col(alias, 'FILING_ID')}"
            f" AND v.amend_id = {self.col(alias, 'AMEND_ID')}"
        )

    def _cover_join(self, alias: str) -> str:
        return f"{self.table(self.form.filing.version_name)} v ON {self._cover_condition(alias)}"

    def insert_item_versions(self, model: ModelSpec) -> Statement:
        rows = self._item_rows(model, covered=True)
        targets = ["filing_id", "amend_id", "line_item"]
        values = [self.col("r", "FILING_ID"), self.col("r", "AMEND_ID"), self.col("r", "LINE_ITEM")]
        for field in model.fields:
            targets.append(field.field)
            values.append(self.convert(field, model.source_table, "r"))
        sql = (
            f"INSERT INTO {self.table(model.version_name)} ({self._names(targets)})"
            f" SELECT {', '.join(values)} FROM ({rows.sql}) r WHERE r.dup_rank = 1"
        )
        return Statement(sql, rows.params)

    def insert_latest_items(self, model: ModelSpec) -> Statement:
        names = ["filing_id", "amend_id", "line_item", *(field.field for field in model.fields)]
        sql = (
            f"INSERT INTO {self.table(model.latest_name)} ({self._names(names)})"
            f" SELECT {', '.join(f'i.{self.d.quote(name)}' for name in names)}"
            f" FROM {self.table(model.version_name)} i"
            f" JOIN {self.table(self.form.filing.version_name)} v"
            f" ON v.filing_id = i.filing_id AND v.amend_id = i.amend_id WHERE v.is_latest = TRUE"
        )
        return Statement(sql)

    # -- skipped rows --------------------------------------------------------------------------

    def _insert_skipped(self, select: str, params: Sequence[SqlValue]) -> Statement:
        columns = SKIPPED_COLUMNS
        table = self.d.quote(SkippedRawRow._meta.db_table)
        sql = f"INSERT INTO {table} ({self._names(columns)}) {select}"
        return Statement(sql, tuple(params))

    def _skipped_values(
        self, model_name: str, table: str, alias: str, line: str, reason: str
    ) -> tuple[str, list]:
        """The SELECT list of skip-log rows over raw rows ``alias``; ``line`` is the line's text."""
        select = (
            f"SELECT %s, %s, %s, {self.col(alias, 'id')}, {self.col(alias, 'FILING_ID')},"
            f" {self.col(alias, 'AMEND_ID')}, {line}, {self.col(alias, 'FORM_TYPE')}, {reason}"
        )
        return select, [self.version_id, model_name, table]

    def skipped_covers(self) -> Statement:
        model = self.form.filing
        rows = self.numbered(model.source_table, model.form_types, ("FILING_ID", "AMEND_ID"))
        # A cover has no line item.
        select, params = self._skipped_values(
            model.version_name, model.source_table, "k", "''", "%s"
        )
        sql = f"{select} FROM ({rows.sql}) k WHERE k.dup_rank > 1"
        return self._insert_skipped(sql, [*params, SkippedRawRow.DUPLICATE_COVER, *rows.params])

    def skipped_items(self, model: ModelSpec) -> Statement:
        """The rows no cover has, then the covered rows that repeat a key: two parts, so only the
        covered rows are numbered."""
        select, params = self._skipped_values(
            model.version_name,
            model.source_table,
            "s",
            self.d.to_text(self.col("s", "LINE_ITEM")),
            "%s",
        )
        uncovered = self.uncovered(model.source_table, model.form_types, model.record_filter)
        rows = self._item_rows(model, covered=True)
        repeated, repeated_params = self._skipped_values(
            model.version_name,
            model.source_table,
            "r",
            self.d.to_text(self.col("r", "LINE_ITEM")),
            "%s",
        )
        sql = (
            f"{select} {uncovered.sql}"
            f" UNION ALL {repeated} FROM ({rows.sql}) r WHERE r.dup_rank > 1"
        )
        return self._insert_skipped(
            sql,
            [
                *params,
                SkippedRawRow.NO_COVER,
                *uncovered.params,
                *repeated_params,
                SkippedRawRow.DUPLICATE_LINE,
                *rows.params,
            ],
        )

    def skipped_summary_lines(self) -> Statement | None:
        models = self.form.summary_line_models
        if not models:
            return None
        pairs = list(
            dict.fromkeys(
                (line.form_type, line.line_item) for model in models for line in model.summary_lines
            )
        )
        types = sorted({form_type for form_type, _ in pairs})
        summary = specs.SUMMARY_TABLE
        version_name = self.form.filing.version_name
        select, params = self._skipped_values(
            version_name, summary, "s", self.col("s", "LINE_ITEM"), "%s"
        )
        uncovered = self.uncovered(summary, types)
        rows = self.numbered(
            summary, types, ("FILING_ID", "AMEND_ID", "FORM_TYPE", "LINE_ITEM"), covered=True
        )
        declared = " OR ".join(
            f"({self.col('l', 'FORM_TYPE')} = %s AND {self.col('l', 'LINE_ITEM')} = %s)"
            for _pair in pairs
        )
        declared_params = [value for pair in pairs for value in pair]
        reason = f"CASE WHEN NOT ({declared}) THEN %s ELSE %s END"
        covered, covered_params = self._skipped_values(
            version_name, summary, "l", self.col("l", "LINE_ITEM"), reason
        )
        sql = (
            f"{select} {uncovered.sql} UNION ALL {covered} FROM ({rows.sql}) l"
            f" WHERE l.dup_rank > 1 OR NOT ({declared})"
        )
        reasons = [*declared_params, SkippedRawRow.LINE_NOT_PROCESSED, SkippedRawRow.DUPLICATE_LINE]
        return self._insert_skipped(
            sql,
            [
                *params,
                SkippedRawRow.NO_COVER,
                *uncovered.params,
                *covered_params,
                *reasons,
                *rows.params,
                *declared_params,
            ],
        )

    # -- helpers -------------------------------------------------------------------------------

    def _names(self, names: Sequence[str]) -> str:
        return ", ".join(self.d.quote(name) for name in names)


def item_key(model: ModelSpec) -> tuple[str, ...]:
    """The raw columns that tell one item of a version from another: the source table's declared
    unique key, less the columns the model does not store (REC_TYPE, one value per table), so the
    rows kept are unique on the model's own key (``filing_id, amend_id, line_item, form_type``).
    Narrower, an A-1 row sharing its line number with an A row would be dropped as a duplicate."""
    stored = {field.column for field in model.fields} | {"FILING_ID", "AMEND_ID", "LINE_ITEM"}
    return tuple(c for c in schema.load().table(model.source_table).unique_key if c in stored)


def raw_table(dialect: Dialect, name: str, raw_databases: Mapping[str, str]) -> str:
    """A raw table's name in a statement: ``database.table`` when it is in another database."""
    table = dialect.quote(name)
    database = raw_databases.get(name)
    return f"{dialect.quote(database)}.{table}" if database else table


def unrouted_rows(
    dialect: Dialect, version_id: int, raw_databases: Mapping[str, str] | None = None
) -> list[Statement]:
    """Skip-log rows of every table the specs read whose FORM_TYPE no model takes."""
    statements = []
    tables = dict(specs.load().source_tables())
    summary_types = sorted(
        {line.form_type for model in specs.load().models for line in model.summary_lines}
    )
    if summary_types:
        tables[specs.SUMMARY_TABLE] = tuple(summary_types)
    quote = dialect.quote
    elsewhere = raw_databases or {}
    columns = SKIPPED_COLUMNS
    for table, form_types in tables.items():
        has_line = "LINE_ITEM" in schema.load().table(table).columns
        line = dialect.to_text(f"s.{quote('LINE_ITEM')}") if has_line else "''"
        sql = (
            f"INSERT INTO {quote(SkippedRawRow._meta.db_table)}"
            f" ({', '.join(quote(c) for c in columns)})"
            f" SELECT %s, '', %s, s.{quote('id')}, s.{quote('FILING_ID')}, s.{quote('AMEND_ID')},"
            f" {line}, s.{quote('FORM_TYPE')}, %s FROM {raw_table(dialect, table, elsewhere)} s"
            f" WHERE s.{quote('FORM_TYPE')} NOT IN ({_placeholders(form_types)})"
        )
        params: tuple[SqlValue, ...] = (
            version_id,
            table,
            SkippedRawRow.FORM_TYPE_NOT_PROCESSED,
            *form_types,
        )
        statements.append(Statement(sql, params))
    return statements
