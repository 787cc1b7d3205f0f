"""Edge cases of amendment chains and late reports, on small hand-made raw rows.

The rows are added to the loaded coherent export inside a transaction that is rolled back when
the tests that share them are done (the amendment chains: once per module, one reprocessing of
Form 460 for three tests; the late report: inside its test), so the shared processed data is
unchanged afterwards.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from calaccess_processed.diffing import diff_filing, snapshot
from calaccess_processed.models import (
    FilerPeriodTotal,
    FilerYearTotal,
    Form460Filing,
    Form460FilingVersion,
    Form460ScheduleAItem,
    Form460ScheduleAItemVersion,
    Form460ScheduleASummaryVersion,
    Form460ScheduleB2ItemOldVersion,
    Form460ScheduleB2ItemVersion,
    Form460ScheduleH2ItemOldVersion,
    ProcessedDataVersion,
    SkippedRawRow,
)
from calaccess_processed.transforming import transform_form
from calaccess_processed.transforming.totals import total_filings

from . import handmade

pytestmark = pytest.mark.django_db
CHAIN, NO_ORIGINAL, A_AND_A1 = 99_000_001, 99_000_002, 99_000_003
COVERED, LATE = 99_000_010, 99_000_011
OVERLAPPED, LATER, AMENDED, PERIOD_LATE = 99_000_020, 99_000_021, 99_000_022, 99_000_023
LOANS = 99_000_030
FIRST_HALF, SECOND_HALF, MARCH_LATE = 99_000_040, 99_000_041, 99_000_042
FILER, LATE_FILER, PERIOD_FILER, OVERLAP_FILER = 9_990_001, 9_990_002, 9_990_003, 9_990_004
JAN, JUN = date(2024, 1, 1), date(2024, 6, 30)


@pytest.fixture(scope="module")
def amendments(coherent_data, django_db_blocker):
    """Amendments 0, 1 and 2 of one filing; amendments 1 and 2 of another (original missing)."""
    with django_db_blocker.unblock(), transaction.atomic():
        _add_amendments()
        yield
        transaction.set_rollback(True)


def _add_amendments() -> None:
    for amend in (0, 1, 2):
        handmade.cover("F460", CHAIN, amend, FILER, JAN, JUN)
    handmade.contribution(CHAIN, 0, 1, "T1", "100.00")
    handmade.contribution(CHAIN, 0, 2, "T2", "50.00")
    handmade.contribution(CHAIN, 1, 1, "T1", "100.00")
    handmade.contribution(CHAIN, 1, 1, "T1-AGAIN", "999.00")  # line 1 twice: the first is kept
    handmade.contribution(CHAIN, 1, 2, "T2", "75.00")  # T2 changed
    handmade.contribution(CHAIN, 2, 1, "T1", "100.00")  # T2 amended away
    handmade.summary_line(CHAIN, 2, "A", "1", "100.00")
    for amend in (1, 2):
        handmade.cover("F460", NO_ORIGINAL, amend, FILER, JAN, JUN)
    handmade.cover("F460", A_AND_A1, 0, FILER, JAN, JUN)
    handmade.contribution(A_AND_A1, 0, 1, "S-A", "10.00")
    handmade.contribution(A_AND_A1, 0, 1, "S-A1", "20.00", form_type="A-1")  # same line, A-1
    handmade.contribution(A_AND_A1, 0, 2, "", "1.00")  # and line 2 twice, with no TRAN_ID
    handmade.contribution(A_AND_A1, 0, 2, "", "2.00", form_type="A-1")
    transform_form("F460", ProcessedDataVersion.objects.get())


def test_a_chain_of_three_amendments_and_one_without_its_original(amendments):
    chain = Form460FilingVersion.objects.filter(filing_id=CHAIN).order_by("amend_id")
    assert [
        (v.amend_id, v.version_number, v.version_count, v.is_latest, v.superseded_by_amend_id)
        for v in chain
    ] == [(0, 1, 3, False, 1), (1, 2, 3, False, 2), (2, 3, 3, True, None)]
    assert Form460Filing.objects.get(filing_id=CHAIN).amendment_count == 2
    orphan = Form460FilingVersion.objects.filter(filing_id=NO_ORIGINAL).order_by("amend_id")
    assert [(v.amend_id, v.version_number, v.original_amend_id) for v in orphan] == [
        (1, 1, 1),
        (2, 2, 1),
    ]
    latest = Form460Filing.objects.get(filing_id=NO_ORIGINAL)
    assert (latest.amend_id, latest.amendment_count, latest.version_count) == (2, 2, 2)


def test_a_duplicated_line_is_kept_once_and_logged(amendments):
    items = Form460ScheduleAItemVersion.objects.filter(filing_id=CHAIN, amend_id=1)
    assert sorted(items.values_list("line_item", "transaction_id")) == [(1, "T1"), (2, "T2")]
    skipped = SkippedRawRow.objects.get(filing_id=CHAIN, amend_id=1)
    assert (skipped.reason, skipped.line_item) == (SkippedRawRow.DUPLICATE_LINE, "1")


def test_an_a_1_row_sharing_its_line_number_with_an_a_row_is_kept(amendments):
    """The raw key is FILING_ID, AMEND_ID, LINE_ITEM, REC_TYPE, FORM_TYPE: both rows are items."""
    items = Form460ScheduleAItem.objects.filter(filing_id=A_AND_A1)
    assert sorted(items.values_list("form_type", "line_item", "transaction_id", "amount")) == [
        ("A", 1, "S-A", 10),
        ("A", 2, None, 1),
        ("A-1", 1, "S-A1", 20),
        ("A-1", 2, None, 2),
    ]
    assert not SkippedRawRow.objects.filter(filing_id=A_AND_A1).exists()
    assert Form460Filing.objects.get(filing_id=A_AND_A1).schedule_a_item_total == 33
    # The diffs tell the two lines without a transaction id apart by their form type.
    _cover, _summaries, keyed = snapshot("F460", A_AND_A1, 0)
    assert sorted(key for schedule, key in keyed if schedule == "Form460ScheduleAItem") == [
        "S-A",
        "S-A1",
        "line 2 of A",
        "line 2 of A-1",
    ]


def test_an_item_amended_away_leaves_the_latest_and_shows_in_the_diff(amendments):
    assert sorted(
        Form460ScheduleAItem.objects.filter(filing_id=CHAIN).values_list(
            "transaction_id", flat=True
        )
    ) == ["T1"]
    first, second = diff_filing(CHAIN)
    assert (first.from_amend_id, first.to_amend_id) == (0, 1)
    assert [changes["amount"] for changes in first.changed.values()] == [(50, 75)]
    assert (second.from_amend_id, second.to_amend_id) == (1, 2)
    assert [values["transaction_id"] for values in second.removed.values()] == ["T2"]
    assert not second.added
    # Only the latest amendment filed a Schedule A summary: the diff adds its lines.
    summaries = Form460ScheduleASummaryVersion.objects.filter(filing_id=CHAIN)
    assert list(summaries.values_list("amend_id", "itemized_contributions")) == [(2, 100)]
    assert not first.summaries
    added = second.summaries["Form460ScheduleASummary"]
    assert added is not None
    assert (added["itemized_contributions"], added["total_contributions"]) == (
        (None, 100),
        (None, None),
    )
    assert (None, 100) in second.summary.values()  # the cover's schedule_a_itemized


def test_a_late_contribution_inside_a_460_period_counts_once_and_one_after_it_is_added(
    coherent_data,
):
    handmade.cover("F460", COVERED, 0, LATE_FILER, JAN, JUN)
    handmade.summary_line(COVERED, 0, "F460", "1", "1000.00")
    handmade.cover("F497", LATE, 0, LATE_FILER, date(2024, 3, 1), date(2024, 9, 30))
    handmade.late_contribution(LATE, 1, "L-INSIDE", date(2024, 3, 15), "1000.00")
    handmade.late_contribution(LATE, 2, "L-AFTER", date(2024, 9, 1), "250.00")
    version = ProcessedDataVersion.objects.get()
    transform_form("F460", version)
    transform_form("F497", version)
    total_filings()
    total = FilerYearTotal.objects.get(filer_internal_id=LATE_FILER, calendar_year=2024)
    assert (
        total.monetary_contributions,
        total.covered_late_contributions,
        total.uncovered_late_contributions,
        total.monetary_contributions_with_late,
    ) == (1000, 1000, 250, 1250)
    assert [item.transaction_id for item in total.uncovered_late_items()] == ["L-AFTER"]


def test_periods_count_an_amended_filing_once_resolve_overlaps_and_add_uncovered_late_runs(
    coherent_data,
):
    """Three Form 460 periods (one overlapped by a later filing, one amended) and late
    contributions inside, after the last and before the first period."""
    handmade.cover("F460", OVERLAPPED, 0, PERIOD_FILER, JAN, JUN)
    handmade.summary_line(OVERLAPPED, 0, "F460", "1", "1000.00")
    handmade.cover("F460", LATER, 0, PERIOD_FILER, date(2024, 4, 1), date(2024, 9, 30))
    handmade.summary_line(LATER, 0, "F460", "1", "2000.00")
    handmade.contribution(LATER, 0, 1, "P-A1", "300.00")
    for amend, amount in ((0, "100.00"), (1, "400.00")):
        handmade.cover("F460", AMENDED, amend, PERIOD_FILER, date(2024, 10, 1), date(2024, 12, 31))
        handmade.summary_line(AMENDED, amend, "F460", "1", amount)
    handmade.cover("F497", PERIOD_LATE, 0, PERIOD_FILER, date(2023, 1, 1), date(2025, 3, 31))
    handmade.late_contribution(PERIOD_LATE, 1, "P-INSIDE", date(2024, 5, 1), "1000.00")
    handmade.late_contribution(PERIOD_LATE, 2, "P-AFTER", date(2025, 2, 1), "250.00")
    handmade.late_contribution(PERIOD_LATE, 3, "P-AFTER-2", date(2025, 3, 1), "50.00")
    handmade.late_contribution(PERIOD_LATE, 4, "P-BEFORE", date(2023, 6, 1), "70.00")
    version = ProcessedDataVersion.objects.get()
    transform_form("F460", version)
    transform_form("F497", version)
    total_filings()
    periods = FilerPeriodTotal.objects.filter(filer_internal_id=PERIOD_FILER)
    assert [
        (
            p.kind,
            p.filing_id,
            p.from_date,
            p.thru_date,
            p.after_thru_date,
            p.is_counted,
            p.overlapped_by_filing_id,
            p.overlapping_filing_count,
            p.monetary_contributions_with_late,
        )
        for p in periods.order_by("from_date", "filing_id")
    ] == [
        ("late_contributions", None, date(2023, 6, 1), date(2023, 6, 1), None, True, None, 0, 70),
        ("form460", OVERLAPPED, JAN, JUN, None, False, LATER, 1, None),
        ("form460", LATER, date(2024, 4, 1), date(2024, 9, 30), None, True, None, 1, 2000),
        ("form460", AMENDED, date(2024, 10, 1), date(2024, 12, 31), None, True, None, 0, 400),
        (
            "late_contributions",
            None,
            date(2025, 2, 1),
            date(2025, 3, 1),
            date(2024, 12, 31),
            True,
            None,
            0,
            300,
        ),
    ]
    later = periods.get(filing_id=LATER)
    assert (later.covered_late_contributions, later.schedule_a_itemized) == (1000, 300)
    assert [i.transaction_id for i in later.late_items(covered=True)] == ["P-INSIDE"]
    assert [i.transaction_id for i in later.schedule_a_items()] == ["P-A1"]
    assert [f.amend_id for f in periods.get(filing_id=AMENDED).form460_filings()] == [1]
    overlapped = periods.get(filing_id=OVERLAPPED)
    assert overlapped.monetary_contributions is None
    assert not overlapped.schedule_a_items().exists()
    tail = periods.get(after_thru_date=date(2024, 12, 31))
    assert (tail.late_contribution_count, tail.uncovered_late_contributions) == (2, 300)
    assert sorted(i.transaction_id for i in tail.late_items()) == ["P-AFTER", "P-AFTER-2"]
    # The periods add up to the years: the same money, counted once either way.
    years = FilerYearTotal.objects.filter(filer_internal_id=PERIOD_FILER)
    assert sorted(years.values_list("calendar_year", "monetary_contributions_with_late")) == [
        (2023, 70),
        (2024, 2400),
        (2025, 300),
    ]
    assert sum(p.monetary_contributions_with_late or 0 for p in periods) == 2770


def test_a_late_contribution_only_inside_an_overlapped_460_counts_as_uncovered(coherent_data):
    """460 #1 (January–June) is overlapped by #2 (June–December) and not summed: a late
    contribution of 15 March is inside no counted 460, so it is added, in the year and in a
    period of its own, instead of vanishing from every total."""
    handmade.cover("F460", FIRST_HALF, 0, OVERLAP_FILER, JAN, JUN)
    handmade.summary_line(FIRST_HALF, 0, "F460", "1", "1000.00")
    handmade.cover("F460", SECOND_HALF, 0, OVERLAP_FILER, date(2024, 6, 1), date(2024, 12, 31))
    handmade.summary_line(SECOND_HALF, 0, "F460", "1", "2000.00")
    handmade.cover("F497", MARCH_LATE, 0, OVERLAP_FILER, date(2024, 3, 1), date(2024, 3, 31))
    handmade.late_contribution(MARCH_LATE, 1, "O-MARCH", date(2024, 3, 15), "500.00")
    version = ProcessedDataVersion.objects.get()
    transform_form("F460", version)
    transform_form("F497", version)
    total_filings()
    year = FilerYearTotal.objects.get(filer_internal_id=OVERLAP_FILER, calendar_year=2024)
    assert (
        year.form460_filing_count,
        year.overlapping_filing_count,
        year.monetary_contributions,
        year.covered_late_contributions,
        year.uncovered_late_contributions,
        year.monetary_contributions_with_late,
    ) == (1, 1, 2000, 0, 500, 2500)
    assert [item.transaction_id for item in year.uncovered_late_items()] == ["O-MARCH"]
    periods = FilerPeriodTotal.objects.filter(filer_internal_id=OVERLAP_FILER)
    late = periods.get(kind=FilerPeriodTotal.LATE_CONTRIBUTIONS)
    assert (late.from_date, late.after_thru_date, late.uncovered_late_contributions) == (
        date(2024, 3, 15),
        None,
        500,
    )
    assert sum(p.monetary_contributions_with_late or 0 for p in periods) == 2500


def test_pre_2001_schedule_b2_and_h2_rows_go_to_the_old_layout_models(coherent_data):
    handmade.cover("F460", LOANS, 0, FILER, date(2000, 1, 1), date(2005, 6, 30))
    repaid = handmade.loan(LOANS, 1, "B2", "B2R", date(2005, 1, 10), "10.00")
    early = handmade.loan(LOANS, 2, "B2", "", date(1999, 5, 1), "20.00")
    guarantor = handmade.loan(LOANS, 3, "B2", "", date(2005, 1, 10), "30.00")
    undated = handmade.loan(LOANS, 4, "B2", "", None, "40.00")
    handmade.loan(LOANS, 5, "H2", "H2F", date(1999, 5, 1), "50.00")
    transform_form("F460", ProcessedDataVersion.objects.get())
    old = Form460ScheduleB2ItemOldVersion.objects.filter(filing_id=LOANS)
    assert sorted(old.values_list("line_item", "repayment_type", "repayment_type_name")) == [
        (repaid.line_item, "B2R", "Repay"),
        (early.line_item, None, None),
    ]
    assert old.get(line_item=1).amount_repaid_or_forgiven == 10
    guarantors = Form460ScheduleB2ItemVersion.objects.filter(filing_id=LOANS)
    assert sorted(guarantors.values_list("line_item", flat=True)) == [
        guarantor.line_item,
        undated.line_item,
    ]
    h2 = Form460ScheduleH2ItemOldVersion.objects.get(filing_id=LOANS)
    assert (h2.repayment_type_name, h2.recipient_lastname, h2.date_of_original_loan) == (
        "Forgiven",
        "LENDER 5",
        date(1999, 5, 1),
    )
    assert not SkippedRawRow.objects.filter(filing_id=LOANS).exists()
