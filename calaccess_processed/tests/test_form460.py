"""Form 460 filings and Schedule A items from the real raw update of the coherent export."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from django.db.models import Count, Sum

from calaccess_processed.models import (
    Form460Filing,
    Form460FilingVersion,
    Form460ScheduleAItem,
    Form460ScheduleAItemVersion,
    Form460ScheduleEItemVersion,
    Form460ScheduleESubItemVersion,
)
from calaccess_processed.tests.coherent import expected, manifest, money

pytestmark = pytest.mark.django_db


def test_every_460_filing_once_with_its_latest_amendment(coherent_data):
    latest = expected()["latest_amend_per_f460_filing"]
    coherent = Form460Filing.objects.filter(filing_id__in=[int(f) for f in latest])
    assert {str(f.filing_id): f.amend_id for f in coherent} == latest
    for filing in coherent:
        assert filing.amendment_count == filing.amend_id
    only_amend_1 = Form460Filing.objects.get(filing_id=manifest()["special_cases"]["only_amend_1"])
    assert (only_amend_1.amend_id, only_amend_1.version_count) == (1, 1)


def test_versions_know_their_place_in_the_chain(coherent_data):
    for entry in manifest()["filings"]:
        if entry["form"] != "F460" or len(entry["amend_ids"]) < 2:
            continue
        versions = list(Form460FilingVersion.objects.filter(filing_id=entry["filing_id"]))
        assert [v.amend_id for v in versions] == entry["amend_ids"]
        assert [v.version_number for v in versions] == list(range(1, len(versions) + 1))
        assert [v.is_latest for v in versions] == [False] * (len(versions) - 1) + [True]
        assert [v.superseded_by_amend_id for v in versions] == [*entry["amend_ids"][1:], None]
        assert {v.version_count for v in versions} == {len(versions)}
        assert versions[0].pdf_url.endswith(f"filingid={entry['filing_id']}&amendid=0")


def test_summary_totals_keep_their_cents(coherent_data):
    versions = {(v.filing_id, v.amend_id): v for v in Form460FilingVersion.objects.all()}
    cents = 0
    for entry in expected()["f460_versions"]:
        version = versions[(entry["filing_id"], entry["amend_id"])]
        for line, field in [
            (1, "monetary_contributions"),
            (5, "total_contributions"),
            (11, "total_expenditures_made"),
            (16, "ending_cash_balance"),
        ]:
            wanted = entry[f"f460_line_{line}"]
            got = getattr(version, field)
            assert (None if wanted is None else money(wanted)) == (
                None if got is None else money(got)
            ), (entry["filing_id"], entry["amend_id"], line)
            cents += wanted is not None and money(wanted) % 1 != 0
        assert version.filer_internal_id is not None
    assert cents > 0, "no total with cents in the fixture"


def test_schedule_a_counts_and_sums_per_version_equal_the_raw_rows(coherent_data):
    rows = Form460ScheduleAItemVersion.objects.values("filing_id", "amend_id").annotate(
        n=Count("id"), raw=Sum("amount"), net=Sum("net_amount")
    )
    found = {(r["filing_id"], r["amend_id"]): r for r in rows}
    duplicate = manifest()["special_cases"]["duplicate_line_item"]
    for entry in expected()["f460_versions"]:
        key = (entry["filing_id"], entry["amend_id"])
        row = found.get(key, {"n": 0, "raw": 0, "net": 0})
        count = entry["schedule_a_item_count"]
        if key == (duplicate["filing_id"], duplicate["amend_id"]):
            count -= 1  # the second row of the duplicated line is skipped, and logged
        else:
            assert money(row["raw"]) == money(entry["schedule_a_item_amount_sum_raw"]), key
            assert money(row["net"]) == money(entry["schedule_a_item_sum"]), key
        assert row["n"] == count, key


def test_latest_items_are_those_of_the_latest_versions(coherent_data):
    latest = {(f.filing_id, f.amend_id) for f in Form460Filing.objects.all()}
    per_filing = defaultdict(int)
    for item in Form460ScheduleAItem.objects.all():
        assert (item.filing_id, item.amend_id) in latest
        per_filing[item.filing_id] += 1
    for entry in expected()["f460_versions"]:
        if (
            entry["is_latest"]
            and entry["filing_id"]
            != manifest()["special_cases"]["duplicate_line_item"]["filing_id"]
        ):
            assert per_filing[entry["filing_id"]] == entry["schedule_a_item_count"]


def test_memo_rows_and_returned_contributions(coherent_data):
    memos = [m for m in expected()["memo_items"] if m["table"] == "RCPT_CD"]
    assert memos
    for memo in memos:
        item = Form460ScheduleAItemVersion.objects.get(
            filing_id=memo["filing_id"], amend_id=memo["amend_id"], line_item=memo["line_item"]
        )
        assert item.is_memo and item.backreference_transaction_id == memo["bakref_tid"]
    positive = manifest()["special_cases"]["returned_contribution_stored_positive"]
    item = Form460ScheduleAItemVersion.objects.get(
        filing_id=positive["filing_id"],
        amend_id=positive["amend_id"],
        line_item=positive["line_item"],
    )
    assert money(item.amount) == money(positive["amount_raw"])
    assert money(item.net_amount) == money(positive["amount_net"])


def test_text_filer_ids_resolve_through_the_cross_reference(coherent_data):
    text_ids = 0
    for entry in manifest()["filings"]:
        if entry["form"] != "F460":
            continue
        filing = Form460Filing.objects.get(filing_id=entry["filing_id"])
        assert filing.filer_id == entry["filer_id"]
        assert filing.filer_internal_id == int(entry["filer_internal_id"])
        text_ids += not entry["filer_id"].isdigit()
    assert text_ids >= 2


def test_reconciliations_flag_the_inconsistent_filings(coherent_data):
    broken = {
        (e["filing_id"], e["amend_id"]): e["kind"] for e in manifest()["deliberately_inconsistent"]
    }
    versions = {(v.filing_id, v.amend_id): v for v in Form460FilingVersion.objects.all()}
    special = manifest()["special_cases"]["duplicate_line_item"]
    duplicate = (special["filing_id"], special["amend_id"])
    for entry in expected()["f460_versions"]:
        key = (entry["filing_id"], entry["amend_id"])
        version = versions[key]
        if key == duplicate:
            # The summary counts the duplicated line; the items keep it once: flagged.
            assert version.schedule_a_reconciled is False
            continue
        assert money(version.schedule_a_item_total) == money(entry["schedule_a_non_memo_net_sum"])
        if broken.get(key) == "schedule_a_itemized_differs_from_items":
            assert version.schedule_a_reconciled is False
            assert money(version.schedule_a_difference) == money(-100)
        else:
            assert version.schedule_a_reconciled is True, key
        if broken.get(key) == "line1_differs_from_schedule_a_total":
            assert (version.line_1_reconciled, money(version.line_1_difference)) == (
                False,
                money(250),
            )
        elif broken.get(key) == "schedule_a_itemized_differs_from_items":
            # Line 1 matches the items, so it is $100 above the short Schedule A line 3.
            assert money(version.line_1_difference) == money(100)
        elif broken.get(key) == "f460_summary_lines_missing":
            assert version.line_1_reconciled is None
        else:
            assert version.line_1_reconciled is True, key
    latest = Form460Filing.objects.get(filing_id=2311893)
    assert latest.schedule_a_reconciled is False


def test_schedule_e_memo_rows_are_sub_items_of_their_payments(coherent_data):
    counts = Counter(Form460ScheduleEItemVersion.objects.values_list("filing_id", "amend_id"))
    subs = Counter(Form460ScheduleESubItemVersion.objects.values_list("filing_id", "amend_id"))
    for entry in expected()["f460_versions"]:
        key = (entry["filing_id"], entry["amend_id"])
        assert counts[key] == entry["schedule_e_item_count"], key
        assert subs[key] == entry["schedule_e_subitem_count"], key
    assert sum(subs.values()) > 0
