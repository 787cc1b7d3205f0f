"""The browser's benchmark: its pages, deep keyset pages and a whole-list CSV download.

Per database, a scratch database is created (SQLite: a file), filled by :mod:`.web_stages` in a
child process (the real pipeline on the coherent export, then its contributions scaled to the
rows asked for), measured by two more children (pages; the download, whose peak memory is its
own) and dropped. The child finds its database by ``DATABASE_URL``, as the ready-to-use project
reads it.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings as django_settings

from .child import run_stage
from .databases import ENGINES, _create, _drop, scratch_settings

#: Targets of the issue: p95 of a page, deep page against the first, download speed and memory.
P95_MS = 100.0
DEEP_RATIO = 1.5
DOWNLOAD_ROWS_PER_SECOND = 50_000
DOWNLOAD_PEAK_MB = 150.0


def database_url(settings: dict[str, Any]) -> str:
    """The ``DATABASE_URL`` of scratch database settings."""
    if settings["ENGINE"] == ENGINES["sqlite"]:
        return f"sqlite:///{settings['NAME']}"
    scheme = "postgres" if settings["ENGINE"] == ENGINES["postgresql"] else "mysql"
    user = quote(settings.get("USER") or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"{scheme}://{user}{password}@{host}{port}/{settings['NAME']}"


def run_web_benchmark(
    vendors: tuple[str, ...],
    urls: dict[str, str | None],
    rows: int,
    repeat: int,
    say: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Figures per database: pages (p50/p95 ms) and the download (rows/s, peak MB)."""
    report: dict[str, Any] = {"rows": rows, "repeat": repeat, "databases": {}}
    for vendor in vendors:
        with tempfile.TemporaryDirectory(prefix="calaccess-web-benchmark-") as folder:
            work_dir = Path(folder)
            settings = scratch_settings(vendor, urls.get(vendor), work_dir)
            environment = {  # this process's environment, with the scratch database's
                **os.environ,
                "DJANGO_SETTINGS_MODULE": django_settings.SETTINGS_MODULE,
                "DATABASE_URL": database_url(settings),
                "CALACCESS_DATA_DIR": str(work_dir / "data"),
                "DJANGO_DEBUG": "0",
            }
            _create(settings)
            try:
                say(f"{vendor}: loading and processing the coherent export, {rows:,} contributions")
                prepared = run_stage("web_prepare", {"rows": rows}, work_dir, environment)
                say(f"{vendor}: timing the pages ({repeat} requests each)")
                pages = run_stage("web_pages", {"repeat": repeat}, work_dir, environment)
                say(f"{vendor}: streaming the CSV download")
                download = run_stage("web_download", {}, work_dir, environment)
            finally:
                _drop(settings)
        report["databases"][vendor] = {
            "prepare": prepared,
            "pages": pages,
            "download": download,
            "targets": targets(pages, download),
        }
    return report


def timed_pages(pages: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The pages' figures alone (the stage also says which page was deep and what was chosen)."""
    return {
        name: figures
        for name, figures in pages.items()
        if isinstance(figures, dict) and "p95_ms" in figures
    }


def targets(pages: dict[str, Any], download: dict[str, Any]) -> dict[str, bool]:
    """Whether each target of the issue is met."""
    deep = pages["deep_page"]
    checks = {
        "p95 of every page <= 100 ms": all(
            figures["p95_ms"] <= P95_MS for figures in timed_pages(pages).values()
        ),
        f"page {deep} within 1.5x the first (median)": all(
            pages[f"{kind} {sort} page {deep}"]["p50_ms"]
            <= DEEP_RATIO * pages[f"{kind} {sort} first"]["p50_ms"]
            for kind in ("html", "api")
            for sort in ("-date", "-amount")
        ),
        "download >= 50,000 rows/s": download["rows_per_second"] >= DOWNLOAD_ROWS_PER_SECOND,
        "download peak < 150 MB": download["peak_mb"] < DOWNLOAD_PEAK_MB,
    }
    return checks


def report_lines(report: dict[str, Any]) -> list[str]:
    """The figures as a few readable lines."""
    lines = []
    for vendor, figures in report["databases"].items():
        lines.append(f"{vendor}: {figures['prepare']['rows']:,} contributions")
        chosen = figures["pages"]["subjects"]
        lines.append(
            f"  committee {chosen['committee']} ({chosen['committee_contributions']:,} "
            f"contributions), filing {chosen['filing']} ({chosen['filing_items']:,} items, "
            f"{chosen['filing_versions']} versions), searched {chosen['search']!r}"
        )
        for name, timing in timed_pages(figures["pages"]).items():
            over = "  (over 100 ms)" if timing["p95_ms"] > P95_MS else ""
            lines.append(
                f"  {name}: p50 {timing['p50_ms']:.1f} ms, p95 {timing['p95_ms']:.1f} ms{over}"
            )
        download = figures["download"]
        lines.append(
            f"  CSV download: {download['rows']:,} rows in {download['seconds']:.1f} s, "
            f"{download['rows_per_second']:,.0f} rows/s, peak {download['peak_mb']:.0f} MB, "
            f"{download['cpu_seconds']:.1f} s of CPU"
        )
        for check, met in figures["targets"].items():
            lines.append(f"  {'met' if met else 'NOT met'}: {check}")
    return lines
