"""Form 460 schedule summaries (A, C, E) from SMRY_CD, against the coherent export's manifest."""

from __future__ import annotations

import pytest

from calaccess_processed.models import (
    Form460Filing,
    Form460FilingVersion,
    Form460ScheduleASummary,
    Form460ScheduleASummaryVersion,
    Form460ScheduleCSummaryVersion,
    Form460ScheduleESummary,
    Form460ScheduleESummaryVersion,
)
from calaccess_processed.tests.coherent import expected, money, tsv_rows

pytestmark = pytest.mark.django_db


def _smry(form_type: str) -> dict[tuple[int, int, str], str]:
    """Raw SMRY_CD AMOUNT_A of one schedule by (filing, amendment, line): the first row kept."""
    found: dict[tuple[int, int, str], str] = {}
    for row in tsv_rows("SMRY_CD"):
        if row["FORM_TYPE"] == form_type:
            key = (int(row["FILING_ID"]), int(row["AMEND_ID"]), row["LINE_ITEM"])
            found.setdefault(key, row["AMOUNT_A"])
    return found


def test_schedule_a_summary_of_every_version_equals_the_manifest(coherent_data):
    versions = expected()["f460_versions"]
    assert len(versions) == 178
    for entry in versions:
        summary = Form460ScheduleASummaryVersion.objects.get(
            filing_id=entry["filing_id"], amend_id=entry["amend_id"]
        )
        got = [
            summary.itemized_contributions,
            summary.unitemized_contributions,
            summary.total_contributions,
        ]
        assert [money(v) for v in got] == [money(v) for v in entry["schedule_a_summary_1_2_3"]]


def test_the_latest_summary_is_the_latest_versions(coherent_data):
    first = expected()["f460_versions"][0]  # 2310098, amendment 1 of 1: 15730.93 + 1547
    latest = Form460ScheduleASummary.objects.get(filing_id=first["filing_id"])
    assert (latest.amend_id, money(latest.total_contributions)) == (1, money("17277.93"))
    latest_versions = {
        (e["filing_id"], e["amend_id"]) for e in expected()["f460_versions"] if e["is_latest"]
    }
    rows = set(Form460ScheduleASummary.objects.values_list("filing_id", "amend_id"))
    assert latest_versions <= rows
    assert rows <= set(Form460Filing.objects.values_list("filing_id", "amend_id"))


def test_schedule_c_and_e_summaries_hold_the_raw_lines(coherent_data):
    for model, form_type, fields in (
        (
            Form460ScheduleCSummaryVersion,
            "C",
            ("itemized_contributions", "unitemized_contributions", "total_contributions"),
        ),
        (
            Form460ScheduleESummaryVersion,
            "E",
            ("itemized_payments", "unitemized_payments", "interest_paid", "total_payments"),
        ),
    ):
        raw = _smry(form_type)
        rows = list(model.objects.all())
        covers = set(Form460FilingVersion.objects.values_list("filing_id", "amend_id"))
        assert {(r.filing_id, r.amend_id) for r in rows} == {
            key[:2] for key in raw if key[:2] in covers
        }, form_type
        assert len(rows) > 50, form_type
        for row in rows:
            for line, field in enumerate(fields, start=1):
                filed = raw.get((row.filing_id, row.amend_id, str(line)))
                value = getattr(row, field)
                assert (value is None) == (filed is None or filed == ""), (row, field)
                if value is not None:
                    assert money(value) == money(filed), (row, field)


def test_schedule_e_total_is_the_cover_line_6(coherent_data):
    # Line 6 of the summary page carries Schedule E line 4 (the state's form says so).
    pairs = [
        (s.total_payments, f.payments_made)
        for s in Form460ScheduleESummary.objects.all()
        for f in Form460Filing.objects.filter(filing_id=s.filing_id)
        if s.total_payments is not None and f.payments_made is not None
    ]
    assert len(pairs) >= 100
    agreeing = sum(money(a) == money(b) for a, b in pairs)
    assert agreeing >= len(pairs) - 5
