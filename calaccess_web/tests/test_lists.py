"""The lists (contributions, expenditures, filings, filers) on data loaded by the real raw update,
processing, scrape and OCD load of the fixtures (``web_data``): pages, API, cursor pagination,
downloads, manifests, the OpenAPI description and the feeds, checked against the fixture's
manifest and against every row of each list filtered here in Python.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from calaccess_processed import name_index
from calaccess_processed.elections.candidate_committees import derive_candidate_committees
from calaccess_processed.models import PROCESSED_MODELS
from calaccess_processed.tests.coherent import manifest as coherent_manifest
from calaccess_web.lists.declarations import COMMITTEE_LISTS, CONTRIBUTIONS, LISTS
from calaccess_web.lists.spec import Filter, ListSpec, Query

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
#: A Form 460 with three versions in the fixture (amendments 0, 1 and 2; 2 is the latest).
AMENDED_FILING = 2310354


def _versions(filing_id: int) -> list[dict[str, Any]]:
    return [
        v for v in coherent_manifest()["expected"]["f460_versions"] if v["filing_id"] == filing_id
    ]


def _get_json(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.json()


def _walk(client: Client, url: str) -> list[dict[str, Any]]:
    """Every row of an API list, following ``next`` to the end."""
    found: list[dict[str, Any]] = []
    while url:
        page = _get_json(client, url)
        found.extend(page["results"])
        url = page["next"]
    return found


def _ndjson(client: Client, url: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.streaming
    lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    return lines[:-1], lines[-1]["summary"]


@pytest.fixture(scope="module")
def every_row(web_data, django_db_blocker) -> dict[str, list[dict[str, Any]]]:
    """Every row of each list (all versions where a list has them), read once by download."""
    client = Client()
    found = {}
    with django_db_blocker.unblock():
        for name, spec in LISTS.items():
            suffix = "?versions=all" if spec.versions_model else ""
            found[name] = _ndjson(client, f"/api/{name}/download.ndjson{suffix}")[0]
    return found


def test_contributions_of_an_amended_filing_match_the_fixture(web_data, client) -> None:
    """The latest version's Schedule A items by default, every version's with versions=all."""
    latest = _walk(client, f"/api/contributions/?filing={AMENDED_FILING}&limit=500")
    versions = {v["amend_id"]: v for v in _versions(AMENDED_FILING)}
    newest = versions[max(versions)]
    assert newest["is_latest"]
    assert len(latest) == newest["schedule_a_item_count"] == 28
    assert sum(Decimal(r["amount"]) for r in latest) == Decimal(
        newest["schedule_a_item_amount_sum_raw"]
    )
    assert {r["amend_id"] for r in latest} == {2}
    every = _walk(client, f"/api/contributions/?filing={AMENDED_FILING}&versions=all&limit=500")
    for amend_id, version in versions.items():
        rows = [r for r in every if r["amend_id"] == amend_id]
        assert len(rows) == version["schedule_a_item_count"]
        assert sum(Decimal(r["amount"]) for r in rows) == Decimal(
            version["schedule_a_item_amount_sum_raw"]
        )
    assert len(every) == 30 + 32 + 28
    filer_id = int(coherent_filer(AMENDED_FILING))
    assert {r["committee_id"] for r in every} == {filer_id}


def coherent_filer(filing_id: int) -> str:
    for filing in coherent_manifest()["filings"]:
        if filing.get("filing_id") == filing_id:
            return filing.get("filer_internal_id") or filing["filer_id"]
    raise LookupError(filing_id)


def _column_of(spec: ListSpec, spec_filter: Filter, field: str) -> str:
    if spec_filter.on_filing:
        return spec.committee_column
    return field


def _matches(spec: ListSpec, spec_filter: Filter, row: dict[str, Any], value: Any) -> bool:
    """The filter's meaning, in Python, on a row of the download."""
    for field in spec_filter.fields:
        cell = row[_column_of(spec, spec_filter, field)]
        if cell is None:
            continue
        if spec_filter.type == "date" or spec_filter.lookup == "cycle":
            cell = datetime.date.fromisoformat(cell)
        elif spec_filter.type == "decimal":
            cell = Decimal(cell)
        lookup = spec_filter.lookup
        if lookup == "icontains" and value.lower() in cell.lower():
            return True
        if lookup == "iexact" and value.lower() == cell.lower():
            return True
        if lookup == "startswith" and cell.startswith(value):
            return True
        if lookup == "exact" and cell == value:
            return True
        if lookup == "gte" and cell >= value:
            return True
        if lookup == "lte" and cell <= value:
            return True
        if lookup == "cycle" and value - 1 <= cell.year <= value:
            return True
    return False


def _sample_value(spec: ListSpec, spec_filter: Filter, rows: list[dict[str, Any]]) -> Any:
    """A value of the filter taken from a real row (the median of its column)."""
    column = _column_of(spec, spec_filter, spec_filter.fields[0])
    cells = sorted({r[column] for r in rows if r[column] not in (None, "")}, key=str)
    assert cells, f"no value of {column} in {spec.name}"
    cell = cells[len(cells) // 2]
    if spec_filter.lookup == "cycle":
        year = datetime.date.fromisoformat(cell).year
        return year + year % 2
    if spec_filter.type == "integer":
        return int(cell)
    if spec_filter.type == "decimal":
        return Decimal(cell)
    if spec_filter.type == "date":
        return datetime.date.fromisoformat(cell)
    if spec_filter.lookup in ("icontains", "startswith"):
        return cell[: max(2, len(cell) // 2)]
    return cell


FILTERS = [(name, f.name) for name, spec in LISTS.items() for f in spec.filters]


@pytest.mark.parametrize(("list_name", "filter_name"), FILTERS)
def test_each_filter_keeps_exactly_the_matching_rows(
    web_data, client, every_row, list_name, filter_name
) -> None:
    spec = LISTS[list_name]
    spec_filter = spec.filter(filter_name)
    rows = every_row[list_name]
    value = _sample_value(spec, spec_filter, rows)
    expected = [r for r in rows if _matches(spec, spec_filter, r, value)]
    assert expected
    versions = "&versions=all" if spec.versions_model else ""
    found, summary = _ndjson(
        client, f"/api/{list_name}/download.ndjson?{filter_name}={value}{versions}"
    )
    assert summary["rows"] == len(found) == len(expected)
    assert sorted(json.dumps(r, sort_keys=True) for r in found) == sorted(
        json.dumps(r, sort_keys=True) for r in expected
    )


def _row_key(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True)


@pytest.mark.parametrize(
    ("list_name", "sort"),
    [
        ("contributions", "-date"),
        ("contributions", "date"),
        ("contributions", "-amount"),
        ("contributions", "amount"),
        ("expenditures", "-amount"),
        ("filings", "date"),
        ("committees", "-filer_id"),
    ],
)
def test_cursor_pages_walk_every_row_once_in_order(
    web_data, client, every_row, list_name, sort
) -> None:
    spec = LISTS[list_name]
    versions = "&versions=all" if spec.versions_model else ""
    found = _walk(client, f"/api/{list_name}/?sort={sort}&limit=13{versions}")
    assert sorted(map(_row_key, found)) == sorted(map(_row_key, every_row[list_name]))
    column = {s.name: s.field for s in spec.sorts}[sort.lstrip("-")]
    sort_type = spec.sort(sort.lstrip("-")).type
    values = [r[column] for r in found]
    present = [v for v in values if v is not None]
    # NULLs last in either direction; the others in order.
    assert values == present + [None] * (len(values) - len(present))
    typed = [Decimal(v) if sort_type == "decimal" else v for v in present]
    assert typed == sorted(typed, reverse=sort.startswith("-"))


def test_html_pages_follow_the_same_cursor(web_data, client) -> None:
    first = client.get("/contributions/?sort=amount&limit=20")
    assert first.status_code == 200
    body = first.content.decode()
    assert 'rel="next"' in body
    next_url = body.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = client.get(next_url.replace("&amp;", "&"))
    assert second.status_code == 200
    api = _get_json(client, "/api/contributions/?sort=amount&limit=20")
    page_two = _get_json(client, api["next"])
    assert f'<a href="/filings/{page_two["results"][0]["filing_id"]}/">' in second.content.decode()


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("cursor=not-a-cursor", "cursor"),
        ("min_amount=abc", "min_amount"),
        ("date_from=2016-13-01", "date_from"),
        ("cycle=2015", "cycle"),
        ("sort=name", "sort"),
        ("limit=0", "limit"),
        ("versions=some", "versions"),
        ("color=red", "color"),
        ("format=xls", "format"),
    ],
)
def test_bad_parameters_are_400_naming_them(web_data, client, query, parameter) -> None:
    error = _get_json(client, f"/api/contributions/?{query}", status=400)["error"]
    assert error["parameter"] == parameter
    page = client.get(f"/contributions/?{query}")
    assert page.status_code == 400
    assert f"<code>{parameter}</code>" in page.content.decode()


def test_altered_or_foreign_cursors_are_400(web_data, client) -> None:
    cursor = _get_json(client, "/api/contributions/?limit=5")["cursor"]
    altered = cursor[:-3] + ("AAA" if not cursor.endswith("AAA") else "BBB")
    assert (
        _get_json(client, f"/api/contributions/?cursor={altered}", 400)["error"]["parameter"]
        == "cursor"
    )
    foreign = _get_json(client, f"/api/contributions/?sort=amount&cursor={cursor}", 400)
    assert "another sort" in foreign["error"]["message"]
    for download in (f"download.csv?cursor={cursor}", f"?format=ndjson&cursor={cursor}"):
        error = _get_json(client, f"/api/contributions/{download}", 400)["error"]
        assert error["parameter"] == "cursor"


def test_downloads_hold_the_rows_of_the_list_and_the_manifest_proves_it(
    web_data, client, every_row
) -> None:
    query = "min_amount=100&versions=all"
    listed = _walk(client, f"/api/contributions/?{query}&limit=500")
    rows, summary = _ndjson(client, f"/contributions/download.ndjson?{query}")
    assert summary["rows"] == len(rows) == len(listed) > 0
    assert summary["list"] == "contributions"
    response = client.get(f"/api/contributions/?format=csv&{query}")
    assert response["Content-Type"].startswith("text/csv")
    data = b"".join(response.streaming_content)
    records = list(csv.DictReader(io.StringIO(data.decode())))
    assert len(records) == len(listed)
    assert [r["transaction_id"] for r in records] == [r["transaction_id"] for r in listed]
    whole = json.loads(
        b"".join(client.get(f"/api/contributions/download.json?{query}").streaming_content)
    )
    assert whole == listed
    manifest = _get_json(client, f"/contributions/manifest.json?{query}")
    assert manifest["rows"] == len(listed)
    assert manifest["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["bytes"] == len(data)
    assert client.get(manifest["csv"]).streaming


def test_a_committees_own_lists_fix_the_committee(web_data, client) -> None:
    filer_id = int(coherent_filer(AMENDED_FILING))
    for name in COMMITTEE_LISTS:
        column = LISTS[name].committee_column
        own = _walk(client, f"/api/committees/{filer_id}/{name}/?limit=500")
        assert own and {r[column] for r in own} == {filer_id}
        assert own == _walk(client, f"/api/{name}/?committee={filer_id}&limit=500")
        page = client.get(f"/committees/{filer_id}/{name}/")
        assert page.status_code == 200
        assert f'href="/committees/{filer_id}/"' in page.content.decode()
        assert 'name="committee"' not in page.content.decode()
        fixed = _get_json(client, f"/api/committees/{filer_id}/{name}/?committee=1", 400)
        assert fixed["error"]["parameter"] == "committee"
    rows, summary = _ndjson(client, f"/committees/{filer_id}/contributions/download.ndjson")
    assert summary["committee"] == filer_id and summary["rows"] == len(rows)


def test_openapi_describes_every_filter_of_every_list(web_data, client) -> None:
    document = _get_json(client, "/api/openapi.json")
    assert document["openapi"] == "3.1.0"
    for name, spec in LISTS.items():
        operation = document["paths"][f"/api/{name}/"]["get"]
        names = {p["name"] for p in operation["parameters"]}
        assert {f.name for f in spec.filters} <= names
        assert {"sort", "cursor", "limit", "format"} <= names
        assert ("versions" in names) == bool(spec.versions_model)
        row = document["components"]["schemas"][f"{name}_row"]["properties"]
        assert list(row) == [c.name for c in spec.columns]
        download = document["paths"][f"/api/{name}/download.{{format}}"]["get"]
        assert {f.name for f in spec.filters} <= {p["name"] for p in download["parameters"]}
    for name, spec in COMMITTEE_LISTS.items():
        operation = document["paths"][f"/api/committees/{{filer_id}}/{name}/"]["get"]
        names = {p["name"] for p in operation["parameters"]}
        assert names == {
            p["name"] for p in document["paths"][f"/api/{name}/"]["get"]["parameters"]
        } - {spec.committee_filter} | {"filer_id"}


def _atom_entries(client: Client, url: str) -> list[ElementTree.Element]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def test_feeds_of_new_filings_parse_as_atom(web_data, client, every_row) -> None:
    filer_id = int(coherent_filer(AMENDED_FILING))
    committee = _atom_entries(client, f"/committees/{filer_id}/filings/feed.atom")
    versions = [r for r in every_row["filings"] if r["filer_internal_id"] == filer_id]
    assert len(committee) == min(len(versions), 50) > 0
    links = {e.find(f"{ATOM}link").get("href") for e in committee}
    assert f"http://testserver/filings/{AMENDED_FILING}/" in links
    saved = _atom_entries(client, f"/filings/feed.atom?committee={filer_id}&versions=latest")
    assert len(saved) == len({r["filing_id"] for r in versions})
    derive_candidate_committees("https://cal-access.sos.ca.gov")  # rolled back with the test
    link = coherent_manifest()["candidate_committee_links"][0]
    candidate = _atom_entries(client, f"/candidates/{link['candidate_filer_id']}/filings/feed.atom")
    controlled = [
        r
        for r in every_row["filings"]
        if r["filer_internal_id"]
        in {int(link["candidate_filer_id"]), int(link["committee_filer_id"])}
    ]
    assert len(candidate) == min(len(controlled), 50)
    page = client.get(f"/filings/?committee={filer_id}").content.decode()
    assert f'href="/filings/feed.atom?committee={filer_id}"' in page


@pytest.mark.parametrize(
    "url",
    [
        "/contributions/",
        "/contributions/?versions=all&sort=-amount&min_amount=10",
        "/expenditures/",
        "/filings/?versions=all",
        "/api/contributions/?limit=200",
        "/api/expenditures/?limit=200",
        "/api/filings/",
        "/api/committees/?limit=200",
        "/committees/{filer}/contributions/",
        "/committees/{filer}/filings/?versions=all",
        "/api/committees/{filer}/expenditures/?limit=200",
        "/committees/{filer}/filings/feed.atom",
    ],
)
def test_pages_issue_a_fixed_number_of_queries(
    web_data, client, django_assert_max_num_queries, url
) -> None:
    """However many rows a page shows: no query per row (two phases and the release footer)."""
    url = url.format(filer=coherent_filer(AMENDED_FILING))
    with django_assert_max_num_queries(3):
        response = client.get(url)
    assert response.status_code == 200
    assert re.search(rb'"results": \[\{|<tr><td|<entry>', response.content), "rows are shown"


#: Contributor names of the fixture, as a reader types them: cases, a space, apostrophes, dots;
#: two-letter and one-letter words (the LIKE on every database: a trigram needs three); and
#: words that would be FTS5 syntax unquoted (they are literal text: found only if a name holds
#: them).
NAME_WORDS = {
    "wright": 11,
    "YOUNG'S": 6,
    "proc'rs": 6,
    "ers' pol": 1,
    "hospital assn. pac": 11,
    "k.h.i.k": 9,
    "wr": 17,
    "'s": 8,
    "'": 15,
    '"': 0,
    'a"b': 0,
    "wright*": 0,
    "contributor_lastname:wright": 0,
    "wright OR boyle": 0,
    "NEAR(wright boyle)": 0,
}


def _ids_named(model_name: str, word: str) -> set[int]:
    """The items whose last or first name holds the word, whatever its case, found in Python."""
    rows = PROCESSED_MODELS[model_name]._default_manager.values_list(
        "id", "contributor_lastname", "contributor_firstname"
    )
    word = word.lower()
    return {
        i for i, last, first in rows if word in (last or "").lower() + "\n" + (first or "").lower()
    }


def _searched(word: str, versions: str = "latest") -> tuple[set[int], str]:
    """The ids the contribution search's name filter keeps, and the SQL that found them."""
    query = Query.parse(CONTRIBUTIONS, {"name": word, "versions": versions})
    with CaptureQueriesContext(connection) as queries:
        ids = set(query.queryset().values_list("id", flat=True))
    return ids, queries.captured_queries[-1]["sql"]


@pytest.mark.parametrize(("word", "count"), NAME_WORDS.items())
def test_name_filter_keeps_the_rows_icontains_keeps(web_data, word, count) -> None:
    """SQLite's FTS5 trigram index finds the very rows the case-blind LIKE does (the latest
    items of three characters or more, only ASCII); every other case keeps the LIKE."""
    found, sql = _searched(word)
    assert found == _ids_named("Form460ScheduleAItem", word)
    assert len(found) == count
    indexed = connection.vendor == "sqlite" and len(word) >= name_index.TRIGRAM
    assert (f"{name_index.INDEX} MATCH" in sql) is indexed
    assert ("LIKE" in sql) is not indexed
    every, sql = _searched(word, versions="all")
    assert every == _ids_named("Form460ScheduleAItemVersion", word)
    assert len(every) >= count
    assert "MATCH" not in sql


def test_name_filter_keeps_the_like_while_the_index_is_behind_the_items(web_data) -> None:
    """An item written after the index was rebuilt is found all the same (by the LIKE), and by
    the index once it is rebuilt."""
    items = PROCESSED_MODELS["Form460ScheduleAItem"]._default_manager
    copy = items.filter(contributor_lastname="Wright").order_by("id").first()
    assert copy is not None
    copy.pk = None
    copy.contributor_lastname = "Wrightson-Quill"
    copy.line_item += 100_000
    copy.save()
    found, sql = _searched("wrightson")
    assert found == {copy.pk}
    assert "LIKE" in sql
    assert len(_searched("wright")[0]) == NAME_WORDS["wright"] + 1
    name_index.rebuild()
    found, sql = _searched("wrightson")
    assert found == {copy.pk}
    assert (f"{name_index.INDEX} MATCH" in sql) is (connection.vendor == "sqlite")
