"""The browser's benchmark stages, each in a child process on a scratch database (``DATABASE_URL``).

``web_prepare`` runs the real pipeline on the coherent export (raw update from a local HTTP
server, then processing), then copies its Schedule A items until the contribution list holds the
rows asked for: the same filings, line numbers moved past the real ones, dates spread over the
cycle, amounts varied by cents, so both sorts have deep, realistic indexes. ``web_pages`` times
the contribution list's HTML page and API page, first and deep (a keyset cursor to the 10,000th
page), through Django's full request path. ``web_download`` streams the whole list as CSV, in a
process of its own so that its peak memory is the download's.
"""

from __future__ import annotations

import datetime
import math
import statistics
from decimal import Decimal
from io import StringIO
from time import perf_counter
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings

from calaccess_processed.models import Form460ScheduleAItem
from calaccess_toolkit.testing.fixtures import fixture
from calaccess_toolkit.testing.httpserver import LocalHTTPServer
from calaccess_web.lists import keyset
from calaccess_web.lists.declarations import CONTRIBUTIONS
from calaccess_web.lists.spec import Query

BATCH = 5000
PAGE_SIZE = 50
DEEP_PAGE = 10_000


def prepare(request: dict[str, Any]) -> dict[str, Any]:
    """Migrate, load and process the coherent export, then scale the contributions."""
    started = perf_counter()
    call_command("migrate", verbosity=0)
    with (
        LocalHTTPServer() as server,
        override_settings(CALACCESS_DOWNLOAD_URL=server.url + "/dbwebexport.zip"),
    ):
        server.add(
            "/dbwebexport.zip", fixture("calaccess-export", "coherent-dbwebexport.zip").read_bytes()
        )
        call_command("updatecalaccessrawdata", "--noinput", stdout=StringIO())
        call_command("processcalaccessdata", "--noinput", stdout=StringIO())
    pipeline_seconds = perf_counter() - started
    started = perf_counter()
    rows = scale_contributions(request["rows"])
    if connection.vendor in ("sqlite", "postgresql"):  # fresh statistics for the planner
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "pipeline_seconds": pipeline_seconds,
        "scale_seconds": perf_counter() - started,
        "rows": rows,
    }


def scale_contributions(total: int) -> int:
    """Copy the processed Schedule A items until there are ``total``; returns the count.

    Each base row is prepared for the database once; a copy changes only its line number, date
    and amount, and goes in by ``executemany`` in batches (``bulk_create`` would split them into
    SQLite's 999-parameter statements of a dozen rows).
    """
    model = Form460ScheduleAItem
    fields = [f for f in model._meta.concrete_fields if f.attname != "id"]
    names = [f.attname for f in fields]
    base = list(model.objects.values_list(*names))
    prepared = [
        [f.get_db_prep_save(value, connection) for f, value in zip(fields, row, strict=True)]
        for row in base
    ]
    line, received, amount = (names.index(n) for n in ("line_item", "date_received", "amount"))
    date_field, amount_field = fields[received], fields[amount]
    step = max(row[line] for row in base) + 1
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, names))}) "
        f"VALUES ({', '.join(['%s'] * len(names))})"
    )
    made = len(base)
    batch: list[list[Any]] = []
    copy = 0
    with transaction.atomic(), connection.cursor() as cursor:  # one commit, not one a row
        while made < total:
            copy += 1
            shift = datetime.timedelta(days=(copy * 37) % 700 - 350)
            cents = Decimal(copy % 100) / 100
            for row, values in zip(base, prepared, strict=True):
                if made >= total:
                    break
                values = list(values)
                values[line] = row[line] + copy * step
                if row[received] is not None:
                    values[received] = date_field.get_db_prep_save(
                        row[received] + shift, connection
                    )
                if row[amount] is not None:
                    values[amount] = amount_field.get_db_prep_save(row[amount] + cents, connection)
                batch.append(values)
                made += 1
                if len(batch) == BATCH:
                    cursor.executemany(sql, batch)
                    batch = []
        if batch:
            cursor.executemany(sql, batch)
    return model.objects.count()


def _deep_cursor(sort: str, page: int) -> str:
    """The cursor that opens page ``page`` (found once with OFFSET, untimed)."""
    query = Query.parse(CONTRIBUTIONS, {"sort": sort})
    rows = keyset.ordered(query, query.queryset().values("id", query.sort.field), 0)
    last = rows[(page - 1) * PAGE_SIZE - 1]
    return keyset.encode(query, keyset.Position(0, last[query.sort.field], last["id"]))


def _timings(client: Client, url: str, repeat: int) -> dict[str, float]:
    for _ in range(3):
        assert client.get(url).status_code == 200, url
    seconds = []
    for _ in range(repeat):
        started = perf_counter()
        response = client.get(url)
        seconds.append(perf_counter() - started)
        assert response.status_code == 200, url
    seconds.sort()
    return {
        "p50_ms": statistics.median(seconds) * 1000,
        "p95_ms": seconds[min(len(seconds) - 1, math.ceil(0.95 * len(seconds)) - 1)] * 1000,
    }


def pages(request: dict[str, Any]) -> dict[str, Any]:
    """p50 and p95 of the first and the deep pages, by date and by amount."""
    client = Client(HTTP_HOST="127.0.0.1")
    total = Form460ScheduleAItem.objects.filter(date_received__isnull=False).count()
    page = min(DEEP_PAGE, total // PAGE_SIZE)
    figures: dict[str, Any] = {"deep_page": page}
    for sort in ("-date", "-amount"):
        cursor = _deep_cursor(sort, page)
        for kind, path in (("html", "/contributions/"), ("api", "/api/contributions/")):
            figures[f"{kind} {sort} first"] = _timings(
                client, f"{path}?sort={sort}", request["repeat"]
            )
            figures[f"{kind} {sort} page {page}"] = _timings(
                client, f"{path}?sort={sort}&cursor={cursor}", request["repeat"]
            )
    return figures


def download(request: dict[str, Any]) -> dict[str, Any]:
    """Stream the whole contribution list as CSV; rows per second."""
    rows = Form460ScheduleAItem.objects.count()
    started = perf_counter()
    response = Client(HTTP_HOST="127.0.0.1").get("/api/contributions/download.csv")
    size = sum(len(piece) for piece in response.streaming_content)
    seconds = perf_counter() - started
    return {"rows": rows, "bytes": size, "seconds": seconds, "rows_per_second": rows / seconds}


WEB_STAGES = {"web_prepare": prepare, "web_pages": pages, "web_download": download}
