"""Abstract bases of the processed filing models: a filing's place in its amendment chain.

A form's ``…FilingVersion`` has one row per (``filing_id``, ``amend_id``): every amendment the
state holds. Its ``…Filing`` has one row per ``filing_id``: the latest amendment only. Line items
follow the same pattern (``…ItemVersion`` per version and ``line_item``, ``…Item`` for the
latest). Raw keys are plain columns, never foreign keys into the raw tables, so the raw tables may
be reloaded (or live elsewhere) without touching these rows.
"""

from __future__ import annotations

from django.db import models

from . import fields

PDF_URL = "https://cal-access.sos.ca.gov/PDFGen/pdfgen.prg?filingid={filing_id}&amendid={amend_id}"


class FilingFields(models.Model):
    """What every filing row, latest or not, carries besides its form's own fields."""

    filing_id = fields.IntegerField(
        db_index=True, help_text="The state's id of the filing, shared by all its amendments."
    )
    amend_id = fields.IntegerField(help_text="Amendment number: 0 the original, then 1, 2, …")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.filing_id}-{self.amend_id}"

    @property
    def pdf_url(self) -> str:
        """The state's PDF of this version."""
        return PDF_URL.format(filing_id=self.filing_id, amend_id=self.amend_id)


class FilingVersion(FilingFields):
    """One amendment of a filing, knowing its place in the chain."""

    version_number = fields.IntegerField(help_text="Position among the filing's versions, from 1.")
    version_count = fields.IntegerField(help_text="How many versions of the filing the state has.")
    original_amend_id = fields.IntegerField(
        help_text="amend_id of the earliest version present (0 unless the original is missing)."
    )
    is_latest = fields.BooleanField(help_text="Whether this is the filing's latest amendment.")
    superseded_by_amend_id = fields.IntegerField(
        null=True, blank=True, help_text="amend_id of the next amendment; NULL for the latest."
    )

    class Meta:
        abstract = True

    @property
    def is_superseded(self) -> bool:
        return not self.is_latest


class Filing(FilingFields):
    """The latest amendment of a filing."""

    filing_id = fields.IntegerField(unique=True, help_text="The state's id of the filing.")
    amendment_count = fields.IntegerField(
        help_text="amend_id of the latest amendment: how many times the filing was amended."
    )
    version_count = fields.IntegerField(help_text="How many versions of the filing the state has.")

    class Meta:
        abstract = True


class ItemFields(models.Model):
    """Keys of a line item: its filing version and line."""

    filing_id = fields.IntegerField(db_index=True, help_text="The filing the item belongs to.")
    amend_id = fields.IntegerField(help_text="The amendment the item was filed in.")
    line_item = fields.IntegerField(help_text="Line number of the item within its version.")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.filing_id}-{self.amend_id} line {self.line_item}"


class ItemVersion(ItemFields):
    """A line item of one version of a filing."""

    class Meta:
        abstract = True


class Item(ItemFields):
    """A line item of the latest version of a filing."""

    class Meta:
        abstract = True


class SummaryFields(models.Model):
    """Keys of a schedule's summary: the filing version whose summary lines it holds."""

    filing_id = fields.IntegerField(db_index=True, help_text="The filing the summary belongs to.")
    amend_id = fields.IntegerField(help_text="The amendment the summary was filed in.")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.filing_id}-{self.amend_id}"


class SummaryVersion(SummaryFields):
    """A schedule's summary lines in one version of a filing."""

    class Meta:
        abstract = True


class Summary(SummaryFields):
    """A schedule's summary lines in the latest version of a filing."""

    filing_id = fields.IntegerField(unique=True, help_text="The filing the summary belongs to.")

    class Meta:
        abstract = True
