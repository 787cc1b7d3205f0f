"""The committee, filing, candidate, election and measure pages on the loaded fixtures."""

from __future__ import annotations

import re

import pytest
from django.db.models import Count, Sum
from django.db.models.functions import Substr

from calaccess_processed.diffing import diff_filing
from calaccess_processed.models import PROCESSED_MODELS, FilerYearTotal
from calaccess_processed.tests.coherent import manifest
from calaccess_scraped.models import PropositionCommittee
from calaccess_web.models import SearchEntry
from calaccess_web.queries.committees import SIZES, committee_page

from .pages import (
    AMENDED_FILING,
    CANDIDATE,
    CANDIDATE_COMMITTEE,
    COMMITTEE,
    COMMITTEE_NAME,
    filer_year,
    money,
    text,
)

pytestmark = pytest.mark.django_db


def test_committee_page_totals_and_filings(client, web_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        page = text(client.get(f"/committees/{COMMITTEE}/"))
    assert COMMITTEE_NAME in page
    expected = filer_year(COMMITTEE, 2021)
    row = re.search(r'<tr id="year-2021">(.*?)</tr>', page, re.S).group(1)
    for figure in ("f460_line_1_sum", "f460_line_5_sum", "f460_line_11_sum"):
        assert money(expected[figure]) in row
    assert f'href="/filings/{AMENDED_FILING}/"' in row  # each figure links to its filings
    total = FilerYearTotal.objects.get(filer_id=COMMITTEE, calendar_year=2021)
    assert money(total.total_contributions) in row
    for status in (
        "amendment 2, current",
        "amendment 1, superseded by amendment 2",
        "original, superseded by amendment 1",
    ):
        assert status in page
    assert "<svg" in page and "Raised (line 5)" in page  # the chart, drawn on the server
    for link in ("contributions", "expenditures", "filings"):
        assert f'href="/committees/{COMMITTEE}/{link}/"' in page


def _committee_items(filer_id: str):
    """The committee's Schedule A items the page counts, added up here from the items."""
    entry = SearchEntry.objects.get(kind=SearchEntry.COMMITTEE, key=filer_id)
    filings = PROCESSED_MODELS["Form460Filing"]._default_manager.filter(
        filer_internal_id=entry.filer_internal_id
    )
    return PROCESSED_MODELS["Form460ScheduleAItem"]._default_manager.filter(
        filing_id__in=filings.values("filing_id"), is_memo=False
    )


def _sums(rows, *columns: str) -> dict:
    return {tuple(row[c] for c in columns): (row["total"], row["count"]) for row in rows}


def test_committee_page_contributors_are_its_items_added_up(web_data):
    """The contribution groups processing stores are the committee's items grouped, and the page
    shows the largest of them."""
    items = _committee_items(COMMITTEE)
    assert items.count() > 10  # enough contributions for a top ten to choose from
    page = committee_page(COMMITTEE)
    name = ("contributor_lastname", "contributor_firstname")
    zip5 = {"zip5": Substr("contributor_zip", 1, 5)}
    for rows, columns, expressions, order in (
        (page.top_by_total, name, {}, "total"),
        (page.top_by_count, name, {}, "count"),
        (page.by_place, ("contributor_state", "zip5"), zip5, "total"),
        (page.by_employer, ("contributor_employer", "contributor_occupation"), {}, "total"),
    ):
        grouped = items.values(*(c for c in columns if c not in expressions), **expressions)
        expected = _sums(grouped.annotate(total=Sum("net_amount"), count=Count("id")), *columns)
        shown = _sums(rows, *columns)
        assert len(shown) == min(10, len(expected))
        assert all(expected[key] == figures for key, figures in shown.items())
        largest = sorted((figures[order == "count"] for figures in expected.values()), reverse=True)
        assert sorted((f[order == "count"] for f in shown.values()), reverse=True) == largest[:10]
    for band, (_label, low, high) in zip(page.by_size, SIZES, strict=True):
        in_band = items.filter(net_amount__isnull=False)
        in_band = in_band.filter(net_amount__gte=low) if low is not None else in_band
        in_band = in_band.filter(net_amount__lt=high) if high is not None else in_band
        assert band["count"] == in_band.count()
        assert band["total"] == (in_band.aggregate(total=Sum("net_amount"))["total"] or 0)
    assert sum(band["count"] for band in page.by_size) == items.exclude(net_amount=None).count()


def test_committee_page_flags_summary_that_disagrees(client, web_data):
    odd = next(
        f
        for f in manifest()["deliberately_inconsistent"]
        if f["kind"] == "line1_differs_from_schedule_a_total"
    )
    filer = next(f for f in manifest()["filings"] if f["filing_id"] == odd["filing_id"])
    page = text(client.get(f"/committees/{filer['filer_id']}/"))
    assert "Line 1 differs from Schedule A line 3 by 250.00" in page


def test_filing_page_versions_items_and_diff(client, web_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        page = text(client.get(f"/filings/{AMENDED_FILING}/"))
    for amend in (0, 1, 2):
        assert f"pdfgen.prg?filingid={AMENDED_FILING}&amp;amendid={amend}" in page
    diffs = diff_filing(AMENDED_FILING)
    assert [d.to_amend_id for d in diffs] == [1, 2]
    diff_html = page.split('id="diff"')[1]
    for diff in diffs:
        for _schedule, key in [*diff.added, *diff.removed, *diff.changed]:
            assert f"<td>{key}</td>" in diff_html
    assert "added" in diff_html and "removed" in diff_html and "changed" in diff_html
    first = diffs[0]
    before, after = first.summary["total_contributions"]
    assert f"{after - before:+,.2f}" in diff_html  # the summary's delta
    original = text(client.get(f"/filings/{AMENDED_FILING}/", {"amend": 0}))
    assert "Items of version 0" in original


def test_candidate_page(client, web_data, django_assert_max_num_queries):
    statement = next(s for s in manifest()["form_501"] if s["filer_id"] == CANDIDATE)
    with django_assert_max_num_queries(15):
        page = text(client.get(f"/candidates/{CANDIDATE}/"))
    assert f'href="/filings/{statement["filing_id"]}/"' in page
    assert f'href="/committees/{CANDIDATE_COMMITTEE}/"' in page
    assert "Elections and contests" in page and 'href="/elections/' in page


def test_home_page(client, web_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        page = text(client.get("/"))
    assert 'href="/search/?kind=committee"' in page and "raw release of" in page


def test_elections_and_measures(client, web_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        listing = text(client.get("/elections/"))
    slug = "2022-06-07-election"
    assert f'href="/elections/{slug}/"' in listing
    with django_assert_max_num_queries(15):
        election = text(client.get(f"/elections/{slug}/"))
    assert 'href="/candidates/' in election and "Raised" in election
    shared = (
        PropositionCommittee.objects.values("filer_id")
        .annotate(measures=Count("proposition", distinct=True))
        .filter(measures__gt=1)
        .order_by("filer_id")
        .first()
    )
    measure_ids = PropositionCommittee.objects.filter(filer_id=shared["filer_id"]).values_list(
        "proposition__measure_id", flat=True
    )
    measure = SearchEntry.objects.filter(
        kind="measure", filer_id__in=[str(m) for m in measure_ids]
    ).first()
    with django_assert_max_num_queries(10):
        page = text(client.get(measure.url))
    assert f'href="/committees/{shared["filer_id"]}/"' in page
    assert "its money is counted once" in page


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/committees/000000/", 404),
        ("/candidates/999999999/", 404),
        ("/candidates/ocd-person/nobody/", 404),
        ("/filings/1/", 404),
        ("/filings/abc/", 404),
        (f"/filings/{AMENDED_FILING}/?amend=9", 404),
        (f"/filings/{AMENDED_FILING}/?amend=two", 400),
        ("/elections/no-such-election/", 404),
        ("/measures/no-such-measure/", 404),
    ],
)
def test_bad_ids_and_parameters(client, web_data, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert b"Traceback" not in response.content and b"CAL-ACCESS" in response.content
