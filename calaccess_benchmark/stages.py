"""The measured stages, each run in a child process of its own (see :mod:`.child`).

A stage takes a JSON-able request and returns JSON-able figures: per table (per step for the
filings processing), the seconds of the measured work and the rows it produced. Only the library
calls are timed (the cleaner's :func:`clean_file`, the loader's :meth:`load`, PostgreSQL's COPY,
the processing's :func:`transform_form`, :func:`account_unrouted` and :func:`total_filings`);
counting rows afterwards and writing the floor's dump are not.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from time import perf_counter
from typing import Any

from django.db import DatabaseError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings
from django.utils import timezone

from calaccess_processed import specs
from calaccess_processed.models import PROCESSED_MODELS, FilerPeriodTotal, SkippedRawRow
from calaccess_processed.transforming import account_unrouted, start_version, transform_form
from calaccess_processed.transforming.totals import total_filings
from calaccess_raw.cleaning import CleanResult, clean_file
from calaccess_raw.loading import loader_for
from calaccess_raw.loading.postgresql import CHUNK_SIZE, SECONDARY_INDEXES
from calaccess_raw.models import get_raw_model

from .databases import registered

ALIAS = "benchmark"


def settle(connection: BaseDatabaseWrapper) -> None:
    """On PostgreSQL, write out the dirty buffers of earlier work before a timed step.

    Without it a checkpoint forced by the previous table's (or stage's) WAL lands in the middle of
    the next timed step, and load and floor are measured under different conditions. It needs a
    superuser or the ``pg_checkpoint`` role; without them the step is measured unsettled.
    """
    if connection.vendor != "postgresql":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
    except DatabaseError:
        pass


def clean_stage(request: dict[str, Any]) -> dict[str, Any]:
    """Clean every table's TSV into ``csv_dir``."""
    tsv_dir, csv_dir = Path(request["tsv_dir"]), Path(request["csv_dir"])
    csv_dir.mkdir(parents=True, exist_ok=True)
    tables = []
    for name in request["tables"]:
        start = perf_counter()
        result = _clean(name, tsv_dir, csv_dir)
        seconds = perf_counter() - start
        tables.append(
            {
                "table": name,
                "seconds": seconds,
                "rows": result.clean_rows,
                "logged_errors": result.logged_errors,
                "source_bytes": result.source_size,
            }
        )
    return {"tables": tables}


def _clean(name: str, tsv_dir: Path, csv_dir: Path) -> CleanResult:
    return clean_file(
        tsv_dir / f"{name}.TSV", csv_dir / f"{name}.csv", csv_dir / f"{name}.errors.csv", table=name
    )


def load_stage(request: dict[str, Any]) -> dict[str, Any]:
    """Load every table's CSV into the scratch database, then count what the table holds.

    With ``clean_ahead_from`` (a TSV folder), the stage cleans the tables itself, in the update
    command's way: each table in a thread while the previous one loads. It reports the
    first table's clean, and per table ``overlapped_seconds``: the time until both its load and
    the next table's clean are done. Their sum is the update's clean and load, without the
    untimed work between tables.
    """
    csv_dir, work_dir = Path(request["csv_dir"]), Path(request["work_dir"])
    names = request["tables"]
    tsv_dir = request.get("clean_ahead_from")
    first_clean_seconds = None
    tables = []
    with registered(ALIAS, request["database"]), ThreadPoolExecutor(max_workers=1) as pool:
        if tsv_dir:
            csv_dir = work_dir / "csv-cleaned-ahead"
            csv_dir.mkdir(exist_ok=True)
            start = perf_counter()
            if names:
                _clean(names[0], Path(tsv_dir), csv_dir)
            first_clean_seconds = perf_counter() - start
        for position, name in enumerate(names):
            loader = loader_for(
                name,
                csv_dir / f"{name}.csv",
                using=ALIAS,
                error_log_path=work_dir / f"{name}.load-errors.csv",
            )
            settle(connections[ALIAS])
            start = perf_counter()
            following = names[position + 1 : position + 2] if tsv_dir else []
            cleaning = [pool.submit(_clean, table, Path(tsv_dir), csv_dir) for table in following]
            result = loader.load()
            figures = {"table": name, "seconds": perf_counter() - start}
            for clean in cleaning:
                clean.result()
            if tsv_dir:
                figures["overlapped_seconds"] = perf_counter() - start
            tables.append(
                {
                    **figures,
                    "rows": result.rows,
                    "stored_rows": get_raw_model(name).objects.using(ALIAS).count(),
                    "value_errors": result.errors,
                    "skipped_rows": result.skipped_rows,
                    "method": result.method,
                }
            )
    return {"tables": tables, "first_clean_seconds": first_clean_seconds}


def floor_stage(request: dict[str, Any]) -> dict[str, Any]:
    """PostgreSQL's own speed on the same result: COPY the loaded, typed rows back in.

    Each loaded table is dumped with ``COPY … TO STDOUT`` (not timed), then, timed, in one
    transaction: its secondary indexes dropped, the table truncated, the dump copied in with
    ``COPY … FROM STDIN (FREEZE)`` and the indexes rebuilt. That is what a load could not do
    faster: the same final rows and indexes, with nothing to clean and nothing to type.
    """
    dump_dir = Path(request["work_dir"])
    tables = []
    with registered(ALIAS, request["database"]):
        connection = connections[ALIAS]
        for name in request["tables"]:
            model = get_raw_model(name)
            table = connection.ops.quote_name(model.schema.name)
            columns = ", ".join(connection.ops.quote_name(c) for c in model.schema.columns)
            dump = dump_dir / f"{name}.copy"
            with connection.cursor() as cursor, dump.open("wb") as out:
                with cursor.copy(f"COPY {table} ({columns}) TO STDOUT") as copy:
                    for chunk in copy:
                        out.write(chunk)
            settle(connection)
            start = perf_counter()
            with transaction.atomic(using=ALIAS), connection.cursor() as cursor:
                cursor.execute(SECONDARY_INDEXES, [table])
                indexes = cursor.fetchall()
                for index, _definition in indexes:
                    cursor.execute(f"DROP INDEX {connection.ops.quote_name(index)}")
                cursor.execute(f"TRUNCATE {table} RESTART IDENTITY")
                sql = f"COPY {table} ({columns}) FROM STDIN WITH (FREEZE true)"
                with dump.open("rb") as handle, cursor.copy(sql) as copy:
                    while chunk := handle.read(CHUNK_SIZE):
                        copy.write(chunk)
                for _index, definition in indexes:
                    cursor.execute(definition)
            seconds = perf_counter() - start
            tables.append(
                {
                    "table": name,
                    "seconds": seconds,
                    "rows": model.objects.using(ALIAS).count(),
                    "dump_bytes": dump.stat().st_size,
                }
            )
            dump.unlink()
    return {"tables": tables}


def update_stage(request: dict[str, Any]) -> dict[str, Any]:
    """The whole ``updatecalaccessrawdata --noinput``, in the environment the parent gave.

    Timed from the command's call to its return: HEAD and download from the local server,
    extraction, every table's clean, load and verify, the tracking. Reports per table the rows
    the update recorded as loaded and the rows the table holds, and the seconds of every step
    by command, read from the update's own command log.
    """
    from django.core.management import call_command

    from calaccess_raw.models import RawDataVersion
    from django_commander.models import CommandLog

    start = perf_counter()
    call_command("updatecalaccessrawdata", "--noinput", "-v", "0")
    seconds = perf_counter() - start
    version = RawDataVersion.objects.get()
    tables = [
        {
            "table": file.file_name,
            "seconds": 0.0,
            "rows": file.load_records_count or 0,
            "stored_rows": get_raw_model(file.file_name).objects.count(),
        }
        for file in version.files.order_by("file_name")
    ]
    steps: dict[str, dict[str, float]] = {}
    for log in CommandLog.objects.select_related("command"):
        step = steps.setdefault(log.command.name, {"runs": 0, "seconds": 0.0})
        step["runs"] += 1
        step["seconds"] += log.duration.total_seconds() if log.duration else 0.0
    return {
        "tables": tables,
        "update_seconds": seconds,
        "completed": version.update_completed,
        "steps": steps,
    }


def processing_tables() -> list[str]:
    """The raw tables the filings processing reads (covers, items, summaries, cross-references)."""
    return sorted({*specs.load().source_tables(), specs.SUMMARY_TABLE, specs.FILER_XREF_TABLE})


class ScratchRouter:
    """Routes every model to the scratch database: the processing stage's only database."""

    def db_for_read(self, model, **hints) -> str:
        return ALIAS

    def db_for_write(self, model, **hints) -> str:
        return ALIAS

    def allow_relation(self, first, second, **hints) -> bool:
        return True


def process_stage(request: dict[str, Any]) -> dict[str, Any]:
    """Process the loaded tables into filings, as ``loadcalaccessfilings`` does: each form in
    its transaction, then the unrouted rows' accounting, then the totals.

    Afterwards (not timed) each raw table read is accounted for: its rows, and how many reached
    a version model or the skip log, which must be the same.
    """
    steps = []
    with (
        registered(ALIAS, request["database"]),
        override_settings(DATABASE_ROUTERS=[f"{__name__}.ScratchRouter"]),
    ):
        settle(connections[ALIAS])
        version = start_version(timezone.now())
        for form in specs.load().forms:
            start = perf_counter()
            result = transform_form(form.id, version)
            steps.append(
                {
                    "table": form.id,
                    "seconds": perf_counter() - start,
                    "rows": result.row_count,
                    "skipped_rows": result.skipped_count,
                }
            )
        start = perf_counter()
        unrouted = account_unrouted(version)
        steps.append({"table": "unrouted", "seconds": perf_counter() - start, "rows": unrouted})
        start = perf_counter()
        totals = total_filings()
        seconds = perf_counter() - start
        totals += FilerPeriodTotal.objects.count()
        steps.append({"table": "totals", "seconds": seconds, "rows": totals})
        raw_rows = {name: get_raw_model(name).objects.count() for name in processing_tables()}
        skipped = SkippedRawRow.objects.filter(version=version)
        accounted = {
            table: skipped.filter(source_table=table).count()
            + sum(
                PROCESSED_MODELS[model.version_name].objects.count()
                for model in specs.load().models
                if model.source_table == table and model.kind != "summary"
            )
            for table in specs.load().source_tables()
        }
    return {"tables": steps, "raw_rows": raw_rows, "accounted_rows": accounted}


STAGES = {
    "clean": clean_stage,
    "load": load_stage,
    "floor": floor_stage,
    "update": update_stage,
    "process": process_stage,
}
