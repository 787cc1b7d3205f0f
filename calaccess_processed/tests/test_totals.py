"""Totals per filer and year: no filing counted twice, no covered Form 497 counted again."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest

from calaccess_processed.models import PROCESSED_MODELS, FilerContributionGroup, FilerYearTotal
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


def test_contribution_groups_add_up_to_every_filers_items(coherent_data):
    """Each grouping of a filer holds all its non-memo Schedule A items of its latest Form 460s,
    once: counts and sums per filer equal the items', the size bands those with an amount."""
    filers = dict(
        PROCESSED_MODELS["Form460Filing"].objects.values_list("filing_id", "filer_internal_id")
    )
    items: dict[int, list] = defaultdict(list)
    for filing_id, amount in (
        PROCESSED_MODELS["Form460ScheduleAItem"]
        .objects.filter(is_memo=False)
        .values_list("filing_id", "net_amount")
    ):
        if filers.get(filing_id) is not None:
            items[filers[filing_id]].append(amount)
    groups: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    sums: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for group in FilerContributionGroup.objects.all():
        key = (group.filer_internal_id, group.grouping)
        groups[key][0] += group.count
        sums[key] += group.total or 0
    assert len(items) > 10
    for filer, amounts in items.items():
        present = [a for a in amounts if a is not None]
        for grouping, _label in FilerContributionGroup.GROUPINGS:
            wanted = len(present) if grouping == FilerContributionGroup.SIZE else len(amounts)
            assert groups[(filer, grouping)][0] == wanted, (filer, grouping)
            assert sums[(filer, grouping)] == sum(present, Decimal(0)), (filer, grouping)
    assert {filer for filer, _grouping in groups} == set(items)
    assert any(a is not None and a < 0 for amounts in items.values() for a in amounts)
