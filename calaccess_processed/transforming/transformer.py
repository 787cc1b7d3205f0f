"""Fill one form's processed models from the raw tables: one transaction, set-based SQL.

:class:`FormTransformer` follows the loaders' interface: building it checks that the raw tables
can be read in the same statements (:func:`raw_databases`), :meth:`prepare` gathers the planner's
statistics of freshly loaded raw tables, :meth:`replace` deletes the form's rows and inserts the
new ones (versions, then latest, then their items, then the skip log) in one transaction, and
:meth:`finalize` records the rows each insert reported writing. Readers see the previous
release's rows until the transaction commits; a failure rolls back and leaves them in place. On
MySQL/MariaDB, whose InnoDB tables give readers a consistent snapshot of committed rows, the same
transaction does it: no shadow table is needed for rows (only DDL would need one, and none is
run).

The per-database part is the :mod:`dialect <calaccess_processed.transforming.dialects>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connections, router, transaction
from django.utils import timezone

from calaccess_processed import name_index, specs
from calaccess_processed.models import PROCESSED_MODELS, ProcessedDataFile, SkippedRawRow
from calaccess_processed.models.tracking import ProcessedDataVersion
from calaccess_processed.specs import FormSpec
from calaccess_raw import schema
from calaccess_raw.models import get_raw_model

from .dialects import dialect_for
from .errors import RawDataElsewhere
from .statements import FormStatements, Statement

SAME_DATABASE_KEYS = ("ENGINE", "NAME", "HOST", "PORT")
#: The raw columns the statements join, partition and filter on.
RAW_KEY_COLUMNS = ("FILING_ID", "AMEND_ID", "LINE_ITEM", "FORM_TYPE", "FILER_ID", "XREF_ID")
SAME_SERVER_KEYS = ("ENGINE", "HOST", "PORT")


def processed_alias() -> str:
    return router.db_for_write(ProcessedDataVersion)


def raw_databases(alias: str, tables: set[str]) -> dict[str, str]:
    """Where the statements run on ``alias`` find each raw table that is not in its database.

    The transformer joins raw and processed tables in one statement. A raw table in the same
    database (the same alias, or another alias of the same engine, name, host and port) needs no
    qualifier. On MySQL/MariaDB a raw table in another database of the same server is read as
    ``database.table``: the result maps such tables to their database's name. Anything else (a
    PostgreSQL or SQLite database of its own, another server) is refused, one line, exit code 2.
    """
    target = connections[alias].settings_dict
    elsewhere = {}
    for table in sorted(tables):
        raw_alias = router.db_for_read(get_raw_model(table))
        if raw_alias == alias:
            continue
        source = connections[raw_alias].settings_dict
        if all(source.get(key) == target.get(key) for key in SAME_DATABASE_KEYS):
            continue
        same_server = all(source.get(key) == target.get(key) for key in SAME_SERVER_KEYS)
        if same_server and connections[alias].vendor == "mysql":
            elsewhere[table] = str(source["NAME"])
            continue
        raise RawDataElsewhere(
            f"the raw table {table} is in the database {raw_alias!r}, the processed tables in "
            f"{alias!r}: processing joins them in SQL, so keep both in one database (on "
            f"MySQL/MariaDB, two databases of one server)"
        )
    return elsewhere


@dataclass
class FormResult:
    """What one form's processing wrote: rows and skipped raw rows per model."""

    form: str
    rows: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        return sum(self.rows.values())

    @property
    def skipped_count(self) -> int:
        return sum(self.skipped.values())


class FormTransformer:
    """Replace one form's processed rows with those of the raw tables, in one transaction."""

    def __init__(self, form: FormSpec, version: ProcessedDataVersion) -> None:
        self.form = form
        self.version = version
        self.alias = processed_alias()
        self.connection = connections[self.alias]
        self.tables = {spec.source_table for spec in form.models}
        if form.summary_line_models:
            self.tables.add(specs.SUMMARY_TABLE)
        if any(field.conversion == "filer_xref" for field in form.filing.fields):
            self.tables.add(specs.FILER_XREF_TABLE)
        self.statements = FormStatements(
            form,
            dialect_for(self.connection),
            PROCESSED_MODELS,
            version.pk,
            raw_databases(self.alias, self.tables),
        )

    @property
    def model_names(self) -> list[str]:
        return [name for spec in self.form.models for name in (spec.version_name, spec.latest_name)]

    def prepare(self) -> None:
        # Raw tables just loaded have no statistics yet; the first form to read one gathers them.
        # Only the key columns the statements join, partition and filter on: a wide raw table's
        # other columns would cost most of the time and inform no plan.
        for table in sorted(self.tables):
            if self.statements.d.statistics_stale(table):
                keys = [c for c in RAW_KEY_COLUMNS if c in schema.load().table(table).columns]
                self._analyze(self.statements.raw(table), keys)

    def _analyze(self, table: str, columns: list[str] | None = None) -> None:
        sql = self.statements.d.analyze(table, columns)
        if sql is not None:
            self._execute(Statement(sql))

    def replace(self) -> None:
        started = timezone.now()
        with transaction.atomic(using=self.alias):
            for name in reversed(self.model_names):
                PROCESSED_MODELS[name]._default_manager.using(self.alias).all().delete()
            # The processed rows hold one release; the skip log keeps every release's.
            SkippedRawRow.objects.using(self.alias).filter(
                version=self.version, model_name__in=self.model_names
            ).delete()
            for setting in self.statements.d.transaction_settings():
                self._execute(Statement(setting))
            result = FormResult(self.form.id)
            result.rows = dict.fromkeys(self.model_names, 0)
            result.skipped = dict.fromkeys(self.model_names, 0)
            for position, (statement, model, counted) in enumerate(self._inserts()):
                # What an INSERT reports having written is the count: no count query afterwards.
                written = self._execute(statement)
                if counted is not None:
                    getattr(result, counted)[model] += written
                if position == 0:
                    # The later statements join the versions just written: give the planner
                    # their size.
                    self._analyze(self.statements.table(self.form.filing.version_name))
            if name_index.MODEL_NAME in self.model_names:
                name_index.rebuild(self.alias)  # in this transaction: never behind the items
            self.result = self.finalize(started, result)

    def _inserts(self) -> list[tuple[Statement, str, str | None]]:
        """The statements in order, each with the model it writes (or logs skipped rows for)
        and whether its row count counts as that model's ``rows`` or ``skipped`` (None: an
        update)."""
        s, form = self.statements, self.form
        filing = form.filing
        inserts: list[tuple[Statement, str, str | None]] = [
            (s.insert_filing_versions(), filing.version_name, "rows"),
            (s.skipped_covers(), filing.version_name, "skipped"),
        ]
        for summary in form.summaries:
            inserts.append((s.insert_summary_versions(summary), summary.version_name, "rows"))
        skipped_lines = s.skipped_summary_lines()
        if skipped_lines is not None:
            inserts.append((skipped_lines, filing.version_name, "skipped"))
        for item in form.items:
            inserts.append((s.insert_item_versions(item), item.version_name, "rows"))
            inserts.append((s.skipped_items(item), item.version_name, "skipped"))
        # The checks need the items; the latest rows copy the checked versions.
        inserts += [(check, filing.version_name, None) for check in s.reconcile()]
        inserts.append((s.insert_latest_filings(), filing.latest_name, "rows"))
        for summary in form.summaries:
            inserts.append((s.insert_latest_summaries(summary), summary.latest_name, "rows"))
        for item in form.items:
            inserts.append((s.insert_latest_items(item), item.latest_name, "rows"))
        return inserts

    def _execute(self, statement: Statement) -> int:
        """Run one statement; return the rows it wrote."""
        with self.connection.cursor() as cursor:
            cursor.execute(statement.sql, statement.params)
            return cursor.rowcount

    def finalize(self, started, result: FormResult) -> FormResult:
        """Write each model's rows and skipped raw rows into the release's tracking rows."""
        for name in self.model_names:
            ProcessedDataFile.objects.using(self.alias).update_or_create(
                version=self.version,
                model_name=name,
                defaults={
                    "form": self.form.id,
                    "row_count": result.rows[name],
                    "skipped_row_count": result.skipped[name],
                    "started_at": started,
                    "finished_at": timezone.now(),
                },
            )
        return result

    def run(self) -> FormResult:
        self.prepare()
        self.replace()
        return self.result
