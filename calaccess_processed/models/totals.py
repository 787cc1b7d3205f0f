"""Totals per filer and calendar year, and per filer and reporting period, that never double
count, by the rule of ``specs/data/totals_rules.csv``: latest amendments only, memo rows
excluded, Form 497 late contributions only while no counted Form 460 covers their date, overlapping
Form 460 periods resolved by the later filing (the other flagged). Each total can list the
filings and lines it came from.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet

from . import fields
from .filings import PROCESSED_MODELS


def counted_460s(filer_internal_id: int | None) -> QuerySet:
    """The latest Form 460 filings of a filer that count: those no later filing of the filer
    overlaps. Only these cover a late contribution; one overlapped is summed nowhere."""
    filing = PROCESSED_MODELS["Form460Filing"]
    later = filing._default_manager.filter(
        filer_internal_id=OuterRef("filer_internal_id"),
        filing_id__gt=OuterRef("filing_id"),
        from_date__lte=OuterRef("thru_date"),
        thru_date__gte=OuterRef("from_date"),
    )
    return filing._default_manager.filter(filer_internal_id=filer_internal_id).exclude(
        Exists(later)
    )


def _covers(filer_internal_id: int | None) -> QuerySet:
    """The counted Form 460 filings spanning the date of the Form 497 line of the outer query."""
    return counted_460s(filer_internal_id).filter(
        from_date__lte=OuterRef("transaction_date"), thru_date__gte=OuterRef("transaction_date")
    )


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
        return counted_460s(self.filer_internal_id).filter(thru_date__year=self.calendar_year)

    def uncovered_late_items(self) -> QuerySet:
        """The Form 497 lines this total adds because no counted Form 460 covers them."""
        items = PROCESSED_MODELS["Form497Part1Item"]
        covers = _covers(self.filer_internal_id)
        filings = PROCESSED_MODELS["Form497Filing"]._default_manager.filter(
            filer_internal_id=self.filer_internal_id
        )
        return items._default_manager.filter(
            Q(filing_id__in=filings.values("filing_id")),
            transaction_date__gte=date(self.calendar_year, 1, 1),
            transaction_date__lte=date(self.calendar_year, 12, 31),
            is_memo=False,
        ).exclude(Exists(covers))


class FilerPeriodTotal(models.Model):
    """One filer's campaign money in one reporting period.

    A period is a latest Form 460 (its ``from_date`` to ``thru_date``), or, for Form 497 late
    contributions that no Form 460 covers, the run of them after one Form 460 period (or before
    the first): ``after_thru_date`` is the end of the period they follow. A Form 460 that a later
    filing of the filer overlaps is listed and flagged (``is_counted`` false,
    ``overlapped_by_filing_id``) with its amounts left empty, so summing any column never counts
    money twice.
    """

    FORM_460, LATE_CONTRIBUTIONS = "form460", "late_contributions"
    KINDS = [
        (FORM_460, "Form 460 period"),
        (LATE_CONTRIBUTIONS, "Uncovered Form 497 contributions"),
    ]

    filer_internal_id = fields.IntegerField(help_text="The filer's numeric id (FILER_XREF_CD).")
    filer_id = fields.CharField(max_length=30, help_text="Filer id as written on the covers.")
    kind = fields.CharField(max_length=20, choices=KINDS)
    filing_id = fields.IntegerField(
        null=True, blank=True, help_text="The Form 460 of the period (none for late contributions)."
    )
    from_date = fields.DateField(null=True, blank=True)
    thru_date = fields.DateField(null=True, blank=True)
    after_thru_date = fields.DateField(
        null=True,
        blank=True,
        help_text="Late contributions: the end of the filer's last Form 460 period before them.",
    )
    is_counted = fields.BooleanField(
        help_text="False when a later Form 460 of the filer covers an overlapping period."
    )
    overlapped_by_filing_id = fields.IntegerField(
        null=True, blank=True, help_text="The later overlapping Form 460 counted instead."
    )
    overlapping_filing_count = fields.IntegerField(
        help_text="Other latest Form 460 filings of the filer whose period overlaps this one."
    )
    schedule_a_item_count = fields.IntegerField(
        null=True, blank=True, help_text="Schedule A rows, memo rows included."
    )
    schedule_a_itemized = _amount("Schedule A items, net of returns, memo rows excluded.")
    monetary_contributions = _amount("Form 460 line 1.")
    total_contributions = _amount("Form 460 line 5.")
    total_expenditures_made = _amount("Form 460 line 11.")
    covered_late_contributions = _amount(
        "Form 497 contributions received inside the period (already in line 1)."
    )
    late_contribution_count = fields.IntegerField(
        help_text="Form 497 contributions received that no Form 460 covers, in this period."
    )
    uncovered_late_contributions = _amount("Their sum.")
    monetary_contributions_with_late = _amount(
        "The period's monetary contributions: line 1, or the uncovered late contributions."
    )

    class Meta:
        ordering = ("filer_internal_id", "thru_date", "filing_id")
        indexes = [
            models.Index(fields=("filer_internal_id", "thru_date"), name="filer_period_total_key")
        ]

    def __str__(self) -> str:
        return f"{self.filer_id} {self.from_date} to {self.thru_date}"

    def form460_filings(self) -> QuerySet:
        """The latest Form 460 this period is (none for late contributions)."""
        return PROCESSED_MODELS["Form460Filing"]._default_manager.filter(filing_id=self.filing_id)

    def schedule_a_items(self) -> QuerySet:
        """The Schedule A lines summed into ``schedule_a_itemized`` (memo rows excluded)."""
        items = PROCESSED_MODELS["Form460ScheduleAItem"]._default_manager
        if not self.is_counted or self.filing_id is None:
            return items.none()
        return items.filter(filing_id=self.filing_id, is_memo=False)

    def late_items(self, covered: bool = False) -> QuerySet:
        """The Form 497 lines of the period: those it adds (uncovered), or with ``covered``
        those inside a counted Form 460 period, whose line 1 already holds them."""
        items = PROCESSED_MODELS["Form497Part1Item"]._default_manager
        covers = _covers(self.filer_internal_id)
        filings = PROCESSED_MODELS["Form497Filing"]._default_manager.filter(
            filer_internal_id=self.filer_internal_id
        )
        if self.from_date is None or self.thru_date is None:
            return items.none()
        lines = items.filter(
            Q(filing_id__in=filings.values("filing_id")),
            transaction_date__gte=self.from_date,
            transaction_date__lte=self.thru_date,
            is_memo=False,
        )
        return lines.filter(Exists(covers)) if covered else lines.exclude(Exists(covers))


class FilerContributionGroup(models.Model):
    """One group of a filer's contributions with their sum and count, for the committee page.

    The Schedule A items of the filer's latest Form 460s, memo rows excluded, grouped four ways:
    by contributor (last, first name), by place (state, first five digits of the ZIP), by
    employer (employer, occupation), and by size (``first_value`` is the band's index by
    :attr:`SIZE_BOUNDS`; items without an amount are in none). The page reads the largest groups
    by an index instead of adding up every contribution of a committee.
    """

    CONTRIBUTOR, PLACE, EMPLOYER, SIZE = "contributor", "place", "employer", "size"
    GROUPINGS = [
        (CONTRIBUTOR, "Last and first name of the contributor"),
        (PLACE, "State and ZIP (five digits)"),
        (EMPLOYER, "Employer and occupation"),
        (SIZE, "Size band of the net amount"),
    ]
    #: Size bands in dollars (the committee page labels them): the band of a net amount is the
    #: number of these lower bounds it reaches (below 0 is band 0, returned).
    SIZE_BOUNDS = (0, 100, 500, 1000, 5000)

    filer_internal_id = fields.IntegerField(help_text="The filer's numeric id (FILER_XREF_CD).")
    grouping = fields.CharField(max_length=20, choices=GROUPINGS)
    first_value = fields.TextField(
        null=True, blank=True, help_text="Last name, state, employer or size band."
    )
    second_value = fields.TextField(
        null=True, blank=True, help_text="First name, ZIP, occupation; empty for a size band."
    )
    total = _amount("Sum of the net amounts.")
    count = fields.IntegerField(help_text="Schedule A items in the group.")

    class Meta:
        ordering = ("filer_internal_id", "grouping", "-total")
        indexes = [
            models.Index(
                fields=("filer_internal_id", "grouping", "-total", "-count"),
                name="filer_group_by_total",
            ),
            models.Index(
                fields=("filer_internal_id", "grouping", "-count", "-total"),
                name="filer_group_by_count",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filer_internal_id} {self.grouping} {self.first_value} {self.second_value}"
