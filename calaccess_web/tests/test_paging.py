"""Paging a sorted list back as well as forward, on the loaded fixtures (``web_data``).

Every page's ``previous`` cursor seeks backwards on the same index; walking a list to its end by
``next`` and back to its start by ``previous`` must give the same pages, in both sort orders.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from calaccess_processed.models import Form460ScheduleEItemVersion

pytestmark = pytest.mark.django_db


def _get(client: Client, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def _keys(page: dict[str, Any]) -> list[tuple]:
    return [tuple(sorted(row.items())) for row in page["results"]]


@pytest.mark.parametrize(
    ("list_name", "sort"),
    [
        ("contributions", "amount"),
        ("contributions", "-amount"),
        ("contributions", "date"),
        ("contributions", "-date"),
        ("filings", "date"),
        ("filings", "-date"),
        ("expenditures", "date"),
        ("expenditures", "-date"),
    ],
)
def test_forward_then_back_gives_the_same_pages(web_data, client, list_name, sort) -> None:
    first = _get(client, f"/api/{list_name}/?sort={sort}&limit=7&versions=all")
    assert first["previous"] is None and first["previous_cursor"] is None
    forward = [first]
    while forward[-1]["next"]:
        forward.append(_get(client, forward[-1]["next"]))
    assert len(forward) >= 3  # several pages each way
    back = [forward[-1]]
    while back[-1]["previous"]:
        back.append(_get(client, back[-1]["previous"]))
    back.reverse()
    assert [_keys(p) for p in back] == [_keys(p) for p in forward]
    # Each page reached backwards links forward to the page that followed it.
    for page, following in zip(back[:-1], forward[1:], strict=True):
        assert _keys(_get(client, page["next"])) == _keys(following)


@pytest.mark.parametrize("sort", ["date", "-date"])
def test_paging_back_across_the_null_sort_values(web_data, client, sort) -> None:
    """Rows without a sort value come last either way, as a second phase of the seek; the page
    that holds the last dated rows and the first undated ones is reached backwards whole.

    Every expenditure of the fixtures that reaches a version model has a payment date, so this
    test takes the date off eleven of them (every fifth by id) inside its own transaction, which
    the test database rolls back afterwards.
    """
    versions = Form460ScheduleEItemVersion.objects
    ids = list(versions.order_by("id").values_list("id", flat=True)[:55:5])
    assert len(ids) == 11
    versions.filter(id__in=ids).update(expense_date=None)
    forward = [_get(client, f"/api/expenditures/?sort={sort}&limit=7&versions=all")]
    while forward[-1]["next"]:
        forward.append(_get(client, forward[-1]["next"]))
    dates = [[row["expense_date"] for row in page["results"]] for page in forward]
    flat = [d for page in dates for d in page]
    assert flat[-11:] == [None] * 11 and None not in flat[:-11]
    # The undated rows come by id, in the direction of the sort.
    key = ("filing_id", "amend_id", "line_item")
    undated = [tuple(row[k] for k in key) for page in forward for row in page["results"]][-11:]
    by_id = versions.filter(id__in=ids).order_by("-id" if sort.startswith("-") else "id")
    assert undated == list(by_id.values_list(*key))
    boundary = next(i for i, page in enumerate(dates) if None in page)
    assert dates[boundary][0] is not None  # 11 undated rows in pages of 7: one page holds both
    back = forward[-1]
    for _ in range(len(forward) - 1 - boundary):
        back = _get(client, back["previous"])
    assert _keys(back) == _keys(forward[boundary])
    before = _get(client, back["previous"])
    assert _keys(before) == _keys(forward[boundary - 1])
    assert _keys(_get(client, before["next"])) == _keys(forward[boundary])


def test_html_list_links_the_previous_page(web_data, client) -> None:
    def links(body: str) -> dict[str, str]:
        return {
            rel: html.unescape(href)
            for href, rel in re.findall(r'<a href="([^"]+)" rel="(next|prev|first)">', body)
        }

    first = client.get("/contributions/?sort=-amount&limit=10").content.decode()
    assert "prev" not in links(first)
    second = client.get(links(first)["next"]).content.decode()
    back = client.get(links(second)["prev"]).content.decode()
    table = re.compile(r'<table class="list-table".*?</table>', re.S)
    assert table.search(back).group(0) == table.search(first).group(0)
    assert "next" in links(back) and links(back)["first"].startswith("/contributions/")


def test_previous_is_in_the_openapi_description(web_data, client) -> None:
    schema = _get(client, "/api/openapi.json")["components"]["schemas"]["contributions_page"]
    assert {"next", "cursor", "previous", "previous_cursor"} <= set(schema["required"])
    assert schema["properties"]["previous"]["type"] == ["string", "null"]


def test_a_previous_cursor_of_another_sort_is_400(web_data, client) -> None:
    second = _get(client, _get(client, "/api/contributions/?sort=amount&limit=3")["next"])
    response = client.get(f"/api/contributions/?sort=-amount&cursor={second['previous_cursor']}")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "cursor"
