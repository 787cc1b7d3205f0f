"""Totals per filer and year: no filing counted twice, no covered Form 497 counted again."""

from __future__ import annotations

import pytest

from calaccess_processed.models import FilerYearTotal
from calaccess_processed.tests.coherent import expected, manifest, money

pytestmark = pytest.mark.django_db


def test_filer_year_totals_match_the_manifest(coherent_data):
    totals = {(t.filer_internal_id, t.calendar_year): t for t in FilerYearTotal.objects.all()}
    uncovered = 0
    for entry in expected()["per_filer_year"]:
        total = totals[(int(entry["filer_internal_id"]), entry["calendar_year"])]
        key = (entry["filer_id"], entry["calendar_year"])
        assert total.form460_filing_count == entry["latest_filings"], key
        assert money(total.monetary_contributions) == money(entry["f460_line_1_sum"]), key
        assert money(total.total_contributions) == money(entry["f460_line_5_sum"]), key
        assert money(total.total_expenditures_made) == money(entry["f460_line_11_sum"]), key
        assert money(total.covered_late_contributions) == money(entry["covered_497_received_sum"])
        assert money(total.uncovered_late_contributions) == money(
            entry["uncovered_497_received_sum"]
        ), key
        assert money(total.monetary_contributions_with_late) == money(
            entry["monetary_incl_uncovered_497"]
        ), key
        uncovered += money(total.uncovered_late_contributions) > 0
    assert uncovered > 0


def test_a_total_lists_the_filings_and_late_lines_it_counts(coherent_data):
    report = next(r for r in manifest()["late_reports_497"] if not r["covered"])
    year = int(report["date"][:4])
    total = FilerYearTotal.objects.get(filer_id=report["filer_id"], calendar_year=year)
    tran_ids = set(total.uncovered_late_items().values_list("transaction_id", flat=True))
    assert {i["tran_id"] for i in report["items"] if i["form_type"] == "F497P1"} <= tran_ids
    assert total.form460_filings().count() == total.form460_filing_count
    covered = next(r for r in manifest()["late_reports_497"] if r["covered"])
    total = FilerYearTotal.objects.get(
        filer_id=covered["filer_id"], calendar_year=int(covered["date"][:4])
    )
    assert covered["covered_by_f460_filing_id"] in set(
        total.form460_filings().values_list("filing_id", flat=True)
    )
    assert not {i["tran_id"] for i in covered["items"]} & set(
        total.uncovered_late_items().values_list("transaction_id", flat=True)
    )
