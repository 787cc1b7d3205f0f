"""Forms 461, 496, 497 and 501 against the manifest of the coherent export."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Count, Q, Sum

from calaccess_processed.models import (
    Form461Part5ItemVersion,
    Form496Filing,
    Form496FilingVersion,
    Form496Part2ItemVersion,
    Form496Part3ItemVersion,
    Form497Filing,
    Form497Part1Item,
    Form497Part2Item,
    Form501Filing,
)
from calaccess_processed.tests.coherent import expected, manifest, money, tsv_rows

pytestmark = pytest.mark.django_db


def test_form_461_part_5_totals_with_and_without_memo_rows(coherent_data):
    for entry in expected()["f461_versions"]:
        items = Form461Part5ItemVersion.objects.filter(
            filing_id=entry["filing_id"], amend_id=entry["amend_id"]
        )
        totals = items.aggregate(
            n=Count("id"),
            memo=Count("id", filter=Q(is_memo=True)),
            all=Sum("amount"),
            non_memo=Sum("amount", filter=Q(is_memo=False)),
        )
        assert totals["n"] == entry["part5_item_count"]
        assert totals["memo"] == entry["part5_memo_item_count"]
        assert money(totals["all"]) == money(entry["part5_item_sum"])
        assert money(totals["non_memo"]) == money(entry["part5_non_memo_sum"])


def test_form_497_late_contributions_received_and_made(coherent_data):
    for report in manifest()["late_reports_497"]:
        filing = Form497Filing.objects.get(filing_id=report["filing_id"])
        assert filing.filer_id == report["filer_id"]
        for item in report["items"]:
            model = Form497Part1Item if item["form_type"] == "F497P1" else Form497Part2Item
            row = model.objects.get(filing_id=report["filing_id"], line_item=item["line_item"])
            assert (row.transaction_id, money(row.amount)) == (
                item["tran_id"],
                money(item["amount"]),
            )
            assert row.entity_lastname or row.entity_firstname


def test_form_496_and_501_filings_arrive(coherent_data):
    by_form = manifest()["filings_by_form"]
    coherent_496 = [f["filing_id"] for f in manifest()["filings"] if f["form"] == "F496"]
    assert Form496Filing.objects.filter(filing_id__in=coherent_496).count() == by_form["F496"]
    _form_496_parts_match_the_raw_rows(coherent_496)
    for entry in manifest()["form_501"]:
        filing = Form501Filing.objects.get(filing_id=entry["filing_id"])
        assert filing.amend_id == max(entry["amend_ids"])
        assert filing.filer_id == entry["filer_id"]
        assert filing.filer_internal_id == int(entry["filer_id"])


def _form_496_parts_match_the_raw_rows(filing_ids: list[int]) -> None:
    """Part 1 on the cover, Part 2 from S496_CD, Part 3 from RCPT_CD F496P3, per version."""
    wanted = {str(filing_id) for filing_id in filing_ids}
    covers = {
        (int(row["FILING_ID"]), int(row["AMEND_ID"])): row
        for row in tsv_rows("CVR_CAMPAIGN_DISCLOSURE_CD")
        if row["FILING_ID"] in wanted and row["FORM_TYPE"] == "F496"
    }
    assert covers
    for (filing_id, amend_id), row in covers.items():
        version = Form496FilingVersion.objects.get(filing_id=filing_id, amend_id=amend_id)
        assert (version.support_opposition_code or "") == row["SUP_OPP_CD"]
        assert (version.candidate_lastname or "") == row["CAND_NAML"]
        assert (version.ballot_measure_name or "") == row["BAL_NAME"]
    for table, form_type, model in (
        ("S496_CD", "F496", Form496Part2ItemVersion),
        ("RCPT_CD", "F496P3", Form496Part3ItemVersion),
    ):
        raw: dict[tuple[int, int], set[int]] = {}
        for row in tsv_rows(table):
            key = (int(row["FILING_ID"]), int(row["AMEND_ID"]))
            if key in covers and row["FORM_TYPE"] == form_type:
                raw.setdefault(key, set()).add(int(row["LINE_ITEM"]))
        loaded: dict[tuple[int, int], set[int]] = {}
        for filing_id, amend_id, line in model.objects.filter(filing_id__in=filing_ids).values_list(
            "filing_id", "amend_id", "line_item"
        ):
            loaded.setdefault((filing_id, amend_id), set()).add(line)
        assert loaded == raw, table
        if table == "S496_CD":
            assert raw, "the coherent Form 496 filings have Part 2 lines"


def test_an_evening_report_date_is_filed_on_its_california_day(coherent_data):
    """RPT_DATE is a California time of day, stored as an instant: a report filed at 7:32 PM on
    27 October 2000 is dated that day on every database, not the next (its UTC date)."""
    evening = {}
    for row in tsv_rows("CVR_CAMPAIGN_DISCLOSURE_CD"):
        day, _, moment = row["RPT_DATE"].partition(" ")
        hour = int(moment.split(":")[0]) if moment else 0
        if row["FORM_TYPE"] == "F497" and moment.endswith("PM") and 4 <= hour < 12:
            month, mday, year = map(int, day.split("/"))
            evening[int(row["FILING_ID"])] = date(year, month, mday)
    assert evening[679317] == date(2000, 10, 27)
    assert len(evening) == 4
    filed = dict(
        Form497Filing.objects.filter(filing_id__in=evening).values_list("filing_id", "date_filed")
    )
    assert filed == evening
