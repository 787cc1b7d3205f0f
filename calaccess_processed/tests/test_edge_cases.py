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

from calaccess_processed.diffing import diff_filing
from calaccess_processed.models import (
    FilerYearTotal,
    Form460Filing,
    Form460FilingVersion,
    Form460ScheduleAItem,
    Form460ScheduleAItemVersion,
    Form460ScheduleASummaryVersion,
    ProcessedDataVersion,
    SkippedRawRow,
)
from calaccess_processed.transforming import transform_form
from calaccess_processed.transforming.totals import total_filings

from . import handmade

pytestmark = pytest.mark.django_db
CHAIN, NO_ORIGINAL = 99_000_001, 99_000_002
COVERED, LATE = 99_000_010, 99_000_011
FILER, LATE_FILER = 9_990_001, 9_990_002
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
    # Only the latest amendment filed a Schedule A summary.
    summaries = Form460ScheduleASummaryVersion.objects.filter(filing_id=CHAIN)
    assert list(summaries.values_list("amend_id", "itemized_contributions")) == [(2, 100)]


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
