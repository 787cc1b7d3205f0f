"""Totals per filer and calendar year that never double count, by the rule of
``specs/data/totals_rules.csv``: latest amendments only, memo rows excluded, Form 497 late
contributions only while no Form 460 covers their date, overlapping Form 460 periods resolved by
the later filing (the other flagged). Each total can list the filings and lines it came from.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet

from . import fields
from .filings import PROCESSED_MODELS


def _amount(help_text: str) -> fields.DecimalField:
    return fields.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True, help_text=help_text
    )


class FilerYearTotal(models.Model):
    """One filer's campaign money in one calendar year."""

    filer_internal_id = fields.IntegerField(help_text="The filer's numeric id (FILER_XREF_CD).")
    filer_id = fields.CharField(max_length=30, help_text="Filer id as written on the covers.")
    calendar_year = fields.IntegerField()
    form460_filing_count = fields.IntegerField(help_text="Form 460 filings counted (latest).")
    overlapping_filing_count = fields.IntegerField(
        help_text="Form 460 filings not counted: a later filing covers an overlapping period."
    )
    schedule_a_item_count = fields.IntegerField(help_text="Schedule A rows, memo rows included.")
    schedule_a_itemized = _amount("Schedule A items, net of returns, memo rows excluded.")
    monetary_contributions = _amount("Sum of Form 460 line 1.")
    total_contributions = _amount("Sum of Form 460 line 5.")
    total_expenditures_made = _amount("Sum of Form 460 line 11.")
    covered_late_contributions = _amount(
        "Form 497 contributions received whose date a Form 460 covers (already in line 1)."
    )
    uncovered_late_contributions = _amount(
        "Form 497 contributions received that no Form 460 covers yet."
    )
    monetary_contributions_with_late = _amount(
        "Line 1 plus the uncovered late contributions: the year's monetary contributions."
    )

    class Meta:
        ordering = ("filer_internal_id", "calendar_year")
        constraints = [
            models.UniqueConstraint(
                fields=("filer_internal_id", "calendar_year"), name="filer_year_total_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filer_id} {self.calendar_year}"

    def form460_filings(self) -> QuerySet:
        """The latest Form 460 filings this total counts."""
        filing = PROCESSED_MODELS["Form460Filing"]
        later = filing._default_manager.filter(
            filer_internal_id=OuterRef("filer_internal_id"),
            filing_id__gt=OuterRef("filing_id"),
            from_date__lte=OuterRef("thru_date"),
            thru_date__gte=OuterRef("from_date"),
        )
        return filing._default_manager.filter(
            filer_internal_id=self.filer_internal_id, thru_date__year=self.calendar_year
        ).exclude(Exists(later))

    def uncovered_late_items(self) -> QuerySet:
        """The Form 497 lines this total adds because no Form 460 covers them."""
        items = PROCESSED_MODELS["Form497Part1Item"]
        covers = PROCESSED_MODELS["Form460Filing"]._default_manager.filter(
            filer_internal_id=self.filer_internal_id,
            from_date__lte=OuterRef("transaction_date"),
            thru_date__gte=OuterRef("transaction_date"),
        )
        filings = PROCESSED_MODELS["Form497Filing"]._default_manager.filter(
            filer_internal_id=self.filer_internal_id
        )
        return items._default_manager.filter(
            Q(filing_id__in=filings.values("filing_id")),
            transaction_date__gte=date(self.calendar_year, 1, 1),
            transaction_date__lte=date(self.calendar_year, 12, 31),
            is_memo=False,
        ).exclude(Exists(covers))
