"""The browser's benchmark stages, each in a child process on a scratch database (``DATABASE_URL``).

``web_prepare`` runs the real pipeline on the coherent export (raw update from a local HTTP
server, then processing), then copies its Schedule A items until the contribution list holds the
rows asked for: the same filings, line numbers moved past the real ones, dates spread over the
cycle, amounts varied by cents, so both sorts have deep, realistic indexes; then the totals are
computed again over the copies (as processing would have over that many items: the committee
page reads its contribution groups), the name index is rebuilt over them (SQLite's FTS5 copy of
the names, as processing rebuilds it) and the search index is built, as the pipeline does.
``web_pages`` times, through Django's full request path, the contribution list's HTML page and
API page, first and deep (a keyset cursor to the 10,000th page), and the pages a reader opens on
the way (:func:`subjects` picks them from the loaded data): the search in both modes and its
typeahead, the committee with the most contributions, the filing with the most items (and its
first version, with the amendments' diff), a candidate, and the contribution search with filters.
``web_download`` streams the whole list as CSV, in a process of its own so that its peak memory
is the download's.
"""

from __future__ import annotations

import datetime
import math
import statistics
from decimal import Decimal
from io import StringIO
from time import perf_counter
from typing import Any
from urllib.parse import urlencode

from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings

from calaccess_processed import name_index
from calaccess_processed.models import PROCESSED_MODELS, Form460ScheduleAItem
from calaccess_processed.transforming.totals import total_filings
from calaccess_toolkit.testing.fixtures import fixture
from calaccess_toolkit.testing.httpserver import LocalHTTPServer
from calaccess_web.lists import keyset
from calaccess_web.lists.declarations import CONTRIBUTIONS
from calaccess_web.lists.spec import Query
from calaccess_web.models import SearchEntry

BATCH = 5000
PAGE_SIZE = 50
DEEP_PAGE = 10_000
FILINGS = PROCESSED_MODELS["Form460Filing"]


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
    scale_seconds = perf_counter() - started
    started = perf_counter()
    total_filings()  # the totals and contribution groups of the scaled items, as processing has
    totals_seconds = perf_counter() - started
    started = perf_counter()
    name_index.rebuild()  # the copies are written past processing: the name index reads them
    name_index_seconds = perf_counter() - started
    call_command("buildcalaccesssearchindex", "--noinput", stdout=StringIO())
    if connection.vendor in ("sqlite", "postgresql"):  # fresh statistics for the planner
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "pipeline_seconds": pipeline_seconds,
        "scale_seconds": scale_seconds,
        "totals_seconds": totals_seconds,
        "name_index_seconds": name_index_seconds,
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


def _count_by_committee() -> tuple[int, int]:
    """(filer internal id, contributions) of the committee holding the most contributions."""
    committee_of = dict(FILINGS._default_manager.values_list("filing_id", "filer_internal_id"))
    counts: dict[int, int] = {}
    by_filing = Form460ScheduleAItem.objects.values("filing_id").annotate(items=Count("id"))
    for row in by_filing.values_list("filing_id", "items"):
        committee = committee_of.get(row[0])
        if committee is not None:
            counts[committee] = counts.get(committee, 0) + row[1]
    return max(counts.items(), key=lambda pair: (pair[1], pair[0]))


def _contribution_search(internal_id: int) -> dict[str, str]:
    """Every filter of the contribution search, set from one real contribution of the committee:
    a word of the contributor's name, the ZIP's first three digits, an amount range around the
    amount and the year around the date."""
    filings = FILINGS._default_manager.filter(filer_internal_id=internal_id).values("filing_id")
    example = (
        Form460ScheduleAItem.objects.filter(
            filing_id__in=filings, date_received__isnull=False, amount__gt=0
        )
        .exclude(contributor_lastname="")
        .exclude(contributor_zip="")
        .order_by("id")
        .values("contributor_lastname", "contributor_zip", "amount", "date_received")
        .first()
    )
    assert example is not None, f"committee {internal_id} has no complete contribution"
    day = example["date_received"]
    return {
        "name": example["contributor_lastname"].split()[0],
        "zip": example["contributor_zip"][:3],
        "min_amount": str(example["amount"] // 2),
        "max_amount": str(example["amount"] * 2),
        "date_from": (day - datetime.timedelta(days=183)).isoformat(),
        "date_to": (day + datetime.timedelta(days=183)).isoformat(),
    }


def subjects() -> dict[str, Any]:
    """What the pages are timed on, chosen from the loaded data: the demanding cases.

    The committee holding the most contributions (the scaling copies Schedule A items onto the
    same filings, so one committee gathers a large share of them), the filing with the most items
    in the contribution list, the candidate with the most Form 501 statements, the committee's
    name as the searched words.
    """
    internal_id, contributions = _count_by_committee()
    entry = SearchEntry.objects.filter(
        kind__in=(SearchEntry.COMMITTEE, SearchEntry.FILER), filer_internal_id=internal_id
    ).order_by("kind")[0]  # a committee before a filer
    filing_id, items = (
        Form460ScheduleAItem.objects.values("filing_id")
        .annotate(items=Count("id"))
        .order_by("-items", "filing_id")
        .values_list("filing_id", "items")[0]
    )
    versions = FILINGS._default_manager.values_list("version_count", flat=True).get(
        filing_id=filing_id
    )
    first_amend = (
        PROCESSED_MODELS["Form460FilingVersion"]
        ._default_manager.filter(filing_id=filing_id)
        .order_by("amend_id")
        .values_list("amend_id", flat=True)[0]
    )
    statements = (
        PROCESSED_MODELS["Form501Filing"]
        ._default_manager.values("filer_id")
        .annotate(statements=Count("id"))
        .order_by("-statements", "filer_id")
        .values_list("filer_id", flat=True)
    )
    candidates = SearchEntry.objects.filter(kind=SearchEntry.CANDIDATE)
    candidate = next(
        url
        for filer_id in statements
        for url in candidates.filter(key=filer_id).values_list("url", flat=True)
    )
    return {
        "committee": entry.key,
        "committee_name": entry.name,
        "committee_internal_id": internal_id,
        "committee_contributions": contributions,
        "filing": filing_id,
        "filing_items": items,
        "filing_versions": versions,
        "filing_first_amend": first_amend,
        "candidate": candidate,
        "search": " ".join(entry.name.split()[:2]),
        "contribution_search": _contribution_search(internal_id),
    }


def page_urls(chosen: dict[str, Any]) -> dict[str, str]:
    """The timed pages beyond the sorted list, by the name the figures give them."""
    words, typed = chosen["search"], chosen["search"][:4]
    search = chosen["contribution_search"]
    committee = {
        "committee": str(chosen["committee_internal_id"]),
        "min_amount": search["min_amount"],
        "date_from": search["date_from"],
        "sort": "-amount",
    }
    urls = {
        "search prefix": "/search/?" + urlencode({"q": words, "mode": "prefix"}),
        "search text": "/search/?" + urlencode({"q": words, "mode": "text"}),
        "search typeahead": "/search/typeahead.json?" + urlencode({"q": typed}),
        "committee page": f"/committees/{chosen['committee']}/",
        "filing page": f"/filings/{chosen['filing']}/",
        "candidate page": chosen["candidate"],
    }
    if chosen["filing_versions"] > 1:
        urls["filing first version and diff"] = (
            f"/filings/{chosen['filing']}/?amend={chosen['filing_first_amend']}"
        )
    for kind, path in (("html", "/contributions/"), ("api", "/api/contributions/")):
        urls[f"{kind} contribution search"] = f"{path}?{urlencode(search)}"
        urls[f"{kind} committee contributions filtered"] = f"{path}?{urlencode(committee)}"
    return urls


def pages(request: dict[str, Any]) -> dict[str, Any]:
    """p50 and p95 of the first and the deep pages, by date and by amount, then of the search,
    committee, filing, candidate and contribution search pages."""
    client = Client(HTTP_HOST="127.0.0.1")
    total = Form460ScheduleAItem.objects.filter(date_received__isnull=False).count()
    page = min(DEEP_PAGE, total // PAGE_SIZE)
    chosen = subjects()
    figures: dict[str, Any] = {"deep_page": page, "subjects": chosen}
    for sort in ("-date", "-amount"):
        cursor = _deep_cursor(sort, page)
        for kind, path in (("html", "/contributions/"), ("api", "/api/contributions/")):
            figures[f"{kind} {sort} first"] = _timings(
                client, f"{path}?sort={sort}", request["repeat"]
            )
            figures[f"{kind} {sort} page {page}"] = _timings(
                client, f"{path}?sort={sort}&cursor={cursor}", request["repeat"]
            )
    for name, url in page_urls(chosen).items():
        figures[name] = {"url": url, **_timings(client, url, request["repeat"])}
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
