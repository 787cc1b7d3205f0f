"""Run the whole benchmark: generate, clean once per size, load into each database, compare.

For each size (N rows, then growth × N rows) the export is generated in a temporary folder,
cleaned once (the cleaner does not depend on the database), and loaded into a fresh scratch
database of each vendor; on PostgreSQL the floor is measured on the loaded tables. Then the
headline: the whole update from a local server into an empty database of each vendor (see
:mod:`.endtoend`), and with ``filings`` the processing of the tables it loaded into filings, in
the same database. Every measured stage runs in a child process of its own (:mod:`.child`).
Row counts are checked at each step: a stage that loses or invents a row stops the run, since
its speed would mean nothing.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any

from .child import run_stage
from .databases import scratch_database, scratch_settings
from .endtoend import build_export_zip, celery_workers, migrate, serving, update_environment
from .errors import BenchmarkError, RowsLost
from .figures import DatabaseRun, GeneratedFigures, Report, StageFigures, UpdateRun
from .generation import DEFAULT_MIX, GeneratedTable, generate_export, share_rows
from .sample import SampleTable, read_sample
from .targets import check_targets


@dataclass(frozen=True)
class BenchmarkPlan:
    """What to measure: sizes, tables (with weights), databases, and where the sample is."""

    sample: Path
    rows: int = 1_000_000
    growth: int = 4
    mix: tuple[tuple[str, int], ...] = DEFAULT_MIX
    databases: tuple[str, ...] = ("sqlite",)
    #: Scratch database URL per server vendor (``postgresql``, ``mysql``); see
    #: :func:`.databases.scratch_settings` for the default.
    urls: dict[str, str | None] = field(default_factory=dict)
    #: Runs of each measured stage; the fastest counts (the peak memory is the largest).
    repeat: int = 1
    #: Also run the update on server databases on this many local Celery workers, per count.
    celery_workers: tuple[int, ...] = ()
    #: After each update on threads, also process the tables it loaded into filings, timed.
    filings: bool = False

    @property
    def sizes(self) -> list[int]:
        return [self.rows] if self.growth == 1 else [self.rows, self.rows * self.growth]

    @property
    def tables(self) -> list[str]:
        return [name for name, _ in self.mix]


def run_benchmark(plan: BenchmarkPlan, say: Callable[[str], None] = print) -> Report:
    """Measure the plan; ``say`` reports progress. Returns the figures and the targets' checks."""
    if min(plan.rows, plan.growth, plan.repeat) < 1:
        raise BenchmarkError("--rows, --growth and --repeat must be at least 1")
    if not plan.sample.is_file():
        raise BenchmarkError(f"no sample export at {plan.sample}")
    samples = {name: read_sample(plan.sample, name) for name in plan.tables}
    report = Report(plan.rows, plan.growth, plan.repeat, str(plan.sample))
    with tempfile.TemporaryDirectory(prefix="calaccess-benchmark-") as temp:
        work = Path(temp)
        databases = {
            vendor: scratch_settings(vendor, plan.urls.get(vendor), work)
            for vendor in plan.databases
        }
        for size in plan.sizes:
            folder = work / f"{size}-rows"
            _measure_size(plan, samples, size, folder, databases, report, say)
            shutil.rmtree(folder)
    report.targets = check_targets(report)
    return report


def _measure_size(
    plan: BenchmarkPlan,
    samples: dict[str, SampleTable],
    size: int,
    folder: Path,
    databases: dict[str, dict[str, Any]],
    report: Report,
    say: Callable[[str], None],
) -> None:
    """Generate ``size`` rows in ``folder``, clean them once, load them into every database."""
    say(f"Generating {size:,} rows of {', '.join(plan.tables)} in {folder}.")
    start = perf_counter()
    generated = generate_export(samples, share_rows(size, plan.mix), folder / "tsv")
    report.generated.append(_generated_figures(generated, perf_counter() - start))
    expected = {table.name: table.rows for table in generated}
    say(f"Cleaning {size:,} rows.")
    request = {"tsv_dir": str(folder / "tsv"), "csv_dir": str(folder / "csv")}
    clean = StageFigures.best_of(
        [_run("clean", request, plan, folder, expected) for _ in range(plan.repeat)]
    )
    for vendor, settings in databases.items():
        say(f"Loading {size:,} rows into {vendor}.")
        request = {
            "csv_dir": str(folder / "csv"),
            "work_dir": str(folder),
            "database": settings,
            # As the update command: cleaning runs one table ahead of the load on a database
            # server, and before it on SQLite (see calaccess_raw.commands.update_raw_data).
            "clean_ahead_from": None if vendor == "sqlite" else str(folder / "tsv"),
        }
        loads, floors = [], []
        with scratch_database(settings, plan.tables):
            # Load and floor take turns, so that both meet the machine in the same moods.
            for _ in range(plan.repeat):
                loads.append(_run("load", request, plan, folder, expected, "stored_rows"))
                if vendor == "postgresql":
                    say(f"Measuring PostgreSQL's COPY floor for {size:,} rows.")
                    floors.append(_run("floor", request, plan, folder, expected))
        load = StageFigures.best_of(loads)
        floor = StageFigures.best_of(floors) if floors else None
        report.runs.append(DatabaseRun(vendor, size, clean, load, floor))
    say(f"Zipping {size:,} rows with the sample's other tables.")
    export = folder / "export"
    export.mkdir()
    build_export_zip(plan.sample, folder / "tsv", export / "dbwebexport.zip")
    runs = [(vendor, 0) for vendor in databases]
    runs += [
        (vendor, count)
        for count in plan.celery_workers
        for vendor in databases
        if vendor != "sqlite"  # refused: the workers could not share it
    ]
    with serving(export) as url:
        for vendor, workers in runs:
            settings = databases[vendor]
            updates = [
                _update(vendor, settings, url, plan, folder, expected, workers)
                for _ in range(plan.repeat)
            ]
            fastest = min(updates, key=lambda update: update.seconds)
            floors = [update.floor for update in updates if update.floor]
            floor = StageFigures.best_of(floors) if floors else None
            report.updates.append(
                UpdateRun(
                    **{
                        **fastest.__dict__,
                        "process_peak_mb": max(update.process_peak_mb for update in updates),
                        "helper_peak_mb": max(update.helper_peak_mb for update in updates),
                        "worker_peak_mb": max(update.worker_peak_mb for update in updates),
                        "floor": floor,
                        "process": _best_processing(updates),
                    }
                )
            )


def _update(
    vendor: str,
    settings: dict[str, Any],
    url: str,
    plan: BenchmarkPlan,
    folder: Path,
    expected: dict[str, int],
    workers: int = 0,
) -> UpdateRun:
    """One whole update from the local server into an empty, migrated scratch database (on
    ``workers`` local Celery workers, if any), then (PostgreSQL) the floor of the tables it
    loaded; every generated row must be there."""
    data_dir = folder / "update-data"
    environment = update_environment(settings, data_dir, url)
    with scratch_database(settings, None):
        migrate(environment)
        with celery_workers(workers, environment, folder) as worker_peaks:
            figures = run_stage("update", {}, folder, environment)
        tables = {table["table"]: table for table in figures["tables"]}
        for name, table in tables.items():
            wanted = expected.get(name, table["rows"])
            if not table["rows"] == table["stored_rows"] == wanted:
                raise RowsLost(
                    f"update of {name}: {table['stored_rows']:,} rows stored, "
                    f"{table['rows']:,} recorded, {wanted:,} expected"
                )
        if not figures["completed"]:
            raise BenchmarkError(f"the update on {vendor} did not complete every table")
        stored = {name: table["stored_rows"] for name, table in tables.items()}
        # The same processing on Celery workers would measure nothing new: threads' runs only.
        process = _process(settings, folder, stored) if plan.filings and not workers else None
        floor = None
        if vendor == "postgresql":
            request = {"work_dir": str(folder), "database": settings, "tables": sorted(tables)}
            floor_figures = run_stage("floor", request, folder)
            for table in floor_figures["tables"]:
                if table["rows"] != tables[table["table"]]["stored_rows"]:
                    raise RowsLost(f"floor of {table['table']}: {table['rows']:,} rows")
            floor = StageFigures.from_child(floor_figures)
    shutil.rmtree(data_dir)
    figures.update(workers=workers, worker_peak_mb=max(worker_peaks, default=0.0))
    return UpdateRun.from_child(vendor, sum(expected.values()), figures, floor, process)


def _best_processing(updates: list[UpdateRun]) -> StageFigures | None:
    processings = [update.process for update in updates if update.process]
    return StageFigures.best_of(processings) if processings else None


def _process(settings: dict[str, Any], folder: Path, loaded: dict[str, int]) -> StageFigures:
    """Process the tables the update ``loaded`` into filings, in its database, and check that
    every raw row it read is accounted for: in a version model or in the skip log."""
    figures = run_stage("process", {"database": settings}, folder)
    raw, accounted = figures["raw_rows"], figures["accounted_rows"]
    for table, rows in accounted.items():
        if rows != raw[table]:
            raise RowsLost(f"processing {table}: {rows:,} rows accounted for of {raw[table]:,}")
    for table, rows in raw.items():
        if rows != loaded.get(table, 0):
            raise RowsLost(f"processing read {rows:,} rows of {table}, not the loaded ones")
    # Its speed is raw rows read per second.
    return dataclasses.replace(StageFigures.from_child(figures), rows=sum(raw.values()))


def _run(
    stage: str,
    request: dict,
    plan: BenchmarkPlan,
    folder: Path,
    expected: dict[str, int],
    rows_key: str = "rows",
) -> StageFigures:
    """Run one stage in its child process and check that it accounted for every generated row."""
    # Every stage takes the tables in the update command's order (by name), so that what one
    # table's work leaves behind (autovacuum, dirty pages) meets the same next table everywhere.
    figures = run_stage(stage, {**request, "tables": sorted(plan.tables)}, folder)
    for table in figures["tables"]:
        if table[rows_key] != expected[table["table"]]:
            raise RowsLost(
                f"{stage} of {table['table']}: {table[rows_key]:,} rows where "
                f"{expected[table['table']]:,} were generated"
            )
    return StageFigures.from_child(figures, rows_key)


def _generated_figures(tables: list[GeneratedTable], seconds: float) -> GeneratedFigures:
    return GeneratedFigures(
        rows=sum(table.rows for table in tables),
        seconds=seconds,
        tables=tuple(
            {
                "table": table.name,
                "rows": table.rows,
                "repetitions": table.repetitions,
                "renumbered_column": table.renumbered_column,
                "bytes": table.size,
            }
            for table in tables
        ),
    )
