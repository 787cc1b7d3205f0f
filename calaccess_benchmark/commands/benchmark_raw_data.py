"""The ``benchmark_raw_data`` command: speed and memory of clean + load on each database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

from calaccess_benchmark.databases import vendor_name
from calaccess_benchmark.errors import BenchmarkError
from calaccess_benchmark.generation import DEFAULT_MIX
from calaccess_benchmark.rendering import report_lines
from calaccess_benchmark.runner import BenchmarkPlan, run_benchmark
from calaccess_toolkit.testing.fixtures import fixture
from django_commander.base import BasicCommand


class BenchmarkRawData(BasicCommand):
    """Measure clean and load speed and peak memory on a larger export built from the sample.

    The export is generated at run time in a temporary folder (never in the repository) by
    repeating the sample's rows, ids renumbered per copy, to --rows rows and then --growth times
    as many. Each database gets a scratch database that the benchmark creates and drops. Prints
    rows per second for clean, load and both, each stage's peak memory, PostgreSQL's COPY floor
    and whether the targets are met. Clean + load is measured as the update command runs them:
    on PostgreSQL and MySQL each table is cleaned while the previous one loads. With --filings,
    the tables each whole update loaded are then processed into filings and the processing's
    time, rows per second and peak memory are printed beside the update's.
    """

    test_options = {"rows": 5000, "growth": 2, "databases": "sqlite"}

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "--rows", type=int, default=1_000_000, help="Rows to generate (default 1,000,000)."
        )
        parser.add_argument(
            "--growth",
            type=int,
            default=4,
            help="Also measure growth x --rows rows, to show memory stays flat (1: skip).",
        )
        parser.add_argument(
            "--tables",
            help="Comma-separated tables to generate, rows shared equally (default: "
            + ", ".join(f"{name} {weight}%%" for name, weight in DEFAULT_MIX)
            + ").",
        )
        parser.add_argument(
            "--databases",
            help="Comma-separated: sqlite, postgresql, mysql (default: sqlite and the default "
            "database's kind).",
        )
        parser.add_argument(
            "--postgres-url",
            help="PostgreSQL scratch database to create and drop, e.g. "
            "postgres://user@host:5432/calaccess_benchmark (default: the default database's "
            "server, its name + _benchmark).",
        )
        parser.add_argument(
            "--mysql-url", help="MySQL/MariaDB scratch database to create and drop, likewise."
        )
        parser.add_argument(
            "--repeat",
            type=int,
            default=1,
            help=(
                "Run each measured stage this many times (load and floor taking turns) and keep "
                "each table's fastest run (default 1)."
            ),
        )
        parser.add_argument(
            "--sample",
            help="The sample export ZIP to repeat (default: the shared fixtures' dbwebexport.zip).",
        )
        parser.add_argument(
            "--celery-workers",
            help="Also run the update on this many local Celery workers (comma-separated counts, "
            "e.g. 1,2), on each server database; needs Redis at CELERY_BROKER_URL.",
        )
        parser.add_argument(
            "--filings",
            action="store_true",
            help="After each update, also process the tables it loaded into filings in the same "
            "database and print its time beside the update's.",
        )
        parser.add_argument("--json", help="Also write the figures to this JSON file.")

    def run(self) -> dict[str, Any]:
        plan = BenchmarkPlan(
            sample=Path(self.options["sample"] or _default_sample()),
            rows=self.options["rows"],
            growth=self.options["growth"],
            mix=_mix(self.options["tables"]),
            databases=_databases(self.options["databases"]),
            urls={"postgresql": self.options["postgres_url"], "mysql": self.options["mysql_url"]},
            repeat=self.options["repeat"],
            celery_workers=_counts(self.options["celery_workers"]),
            filings=self.options["filings"],
        )
        report = run_benchmark(plan, say=self.say)
        for line in report_lines(report):
            self.say(line)
        figures = report.as_json()
        if self.options["json"]:
            Path(self.options["json"]).write_text(json.dumps(figures, indent=2) + "\n")
            self.say(f"Wrote the figures to {self.options['json']}.")
        return figures


def _default_sample() -> Path:
    try:
        return fixture("calaccess-export", "dbwebexport.zip")
    except FileNotFoundError as error:
        raise BenchmarkError(f"{error}; or pass --sample PATH") from None


def _mix(tables: str | None) -> tuple[tuple[str, int], ...]:
    if not tables:
        return DEFAULT_MIX
    names = dict.fromkeys(name.strip().upper() for name in tables.split(",") if name.strip())
    if not names:
        raise BenchmarkError("--tables names no table")
    return tuple((name, 1) for name in names)


def _counts(text: str | None) -> tuple[int, ...]:
    try:
        counts = tuple(int(part) for part in (text or "").split(",") if part.strip())
    except ValueError:
        raise BenchmarkError(f"--celery-workers {text!r}: give counts such as 1,2") from None
    if any(count < 1 for count in counts):
        raise BenchmarkError("--celery-workers: each count must be at least 1")
    return counts


def _databases(databases: str | None) -> tuple[str, ...]:
    if databases:
        names = [vendor_name(name) for name in databases.split(",") if name.strip()]
    else:
        names = ["sqlite", connections[DEFAULT_DB_ALIAS].vendor]
    return tuple(dict.fromkeys(names))
