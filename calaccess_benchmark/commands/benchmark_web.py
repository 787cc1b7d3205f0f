"""The ``benchmark_web`` command: speed of the browser's pages and downloads on each database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calaccess_benchmark.databases import vendor_name
from calaccess_benchmark.errors import BenchmarkError
from calaccess_benchmark.web import report_lines, run_web_benchmark
from django_commander.base import BasicCommand


class BenchmarkWeb(BasicCommand):
    """Measure the browser's pages, the contribution list's 10,000th page and a CSV download.

    Each database gets a scratch database that the benchmark creates and drops: the coherent
    export is loaded and processed by the real pipeline, its contributions copied to --rows, then
    p50/p95 of the contribution list's HTML and API pages (first and 10,000th, by date and by
    amount), of the search, committee, filing and candidate pages and of the filtered
    contribution search, and the CSV download's rows per second and peak memory are printed
    with the targets.
    """

    test_options = {"rows": 3000, "repeat": 3, "databases": "sqlite"}

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "--rows", type=int, default=1_000_000, help="Contributions to hold (default 1,000,000)."
        )
        parser.add_argument(
            "--repeat", type=int, default=50, help="Requests timed per page (default 50)."
        )
        parser.add_argument(
            "--databases", default="sqlite", help="Comma-separated: sqlite, postgresql."
        )
        parser.add_argument(
            "--postgres-url",
            help="PostgreSQL scratch database to create and drop (default: the default "
            "database's server, its name + _benchmark).",
        )
        parser.add_argument("--json", help="Also write the figures to this JSON file.")

    def run(self) -> dict[str, Any]:
        vendors = tuple(
            dict.fromkeys(vendor_name(name) for name in self.options["databases"].split(","))
        )
        if "mysql" in vendors:
            raise BenchmarkError("the browser's benchmark runs on sqlite and postgresql")
        if self.options["rows"] < 1 or self.options["repeat"] < 1:
            raise BenchmarkError("--rows and --repeat must be at least 1")
        report = run_web_benchmark(
            vendors,
            {"postgresql": self.options["postgres_url"]},
            self.options["rows"],
            self.options["repeat"],
            say=self.say,
        )
        for line in report_lines(report):
            self.say(line)
        if self.options["json"]:
            Path(self.options["json"]).write_text(json.dumps(report, indent=2) + "\n")
            self.say(f"Wrote the figures to {self.options['json']}.")
        return report
