"""What each processing run made of one raw release, per model, and which raw rows it skipped.

:class:`ProcessedDataVersion` is one raw release (by its release time, a plain column: the raw
tracking tables may live in another database). :class:`ProcessedDataFile` is one processed model
of that release: rows written, raw rows skipped, its archived CSV. :class:`SkippedRawRow` names
every raw row that reached no model, and why, so raw rows reconcile with loaded + skipped.
A finish time is written only after success: "started, not finished" means not (yet) done.
"""

from __future__ import annotations

from django.db import models

from . import fields


class ProcessedDataVersion(models.Model):
    """The processing of one raw release."""

    raw_release_datetime = fields.DateTimeField(
        unique=True, help_text="Release time of the raw export processed (RawDataVersion)."
    )
    started_at = fields.DateTimeField(null=True, blank=True)
    finished_at = fields.DateTimeField(null=True, blank=True)
    row_count = fields.BigIntegerField(
        null=True,
        blank=True,
        help_text="Rows of the version models (every amendment): each raw row kept counts once; "
        "the latest models' copies are not added.",
    )
    skipped_row_count = fields.BigIntegerField(
        null=True, blank=True, help_text="Raw rows skipped, with their reasons in SkippedRawRow."
    )
    archive = fields.FileField(
        max_length=255, blank=True, upload_to="calaccess/processed/", help_text="ZIP of the CSVs."
    )

    class Meta:
        ordering = ("-raw_release_datetime",)
        get_latest_by = "raw_release_datetime"

    def __str__(self) -> str:
        return f"processed {self.raw_release_datetime:%Y-%m-%d %H:%M:%S}"

    @property
    def completed(self) -> bool:
        return self.finished_at is not None and self.started_at is not None


class ProcessedDataFile(models.Model):
    """One processed model of one release."""

    version = fields.ForeignKey(
        ProcessedDataVersion, on_delete=models.CASCADE, related_name="files"
    )
    model_name = fields.CharField(max_length=100, help_text="Processed model, e.g. Form460Filing.")
    form = fields.CharField(max_length=10, help_text="Form the model belongs to, e.g. F460.")
    row_count = fields.BigIntegerField(null=True, blank=True, help_text="Rows written.")
    skipped_row_count = fields.BigIntegerField(
        null=True, blank=True, help_text="Raw rows meant for this model but skipped (versions)."
    )
    file_size = fields.BigIntegerField(null=True, blank=True, help_text="Bytes of its CSV.")
    started_at = fields.DateTimeField(null=True, blank=True)
    finished_at = fields.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("version", "model_name")
        constraints = [
            models.UniqueConstraint(fields=("version", "model_name"), name="processed_file_key")
        ]

    def __str__(self) -> str:
        return self.model_name


class SkippedRawRow(models.Model):
    """A raw row that no processed model took, and why."""

    NO_COVER = "no_cover"
    DUPLICATE_COVER = "duplicated_cover"
    DUPLICATE_LINE = "duplicated_line_item"
    FORM_TYPE_NOT_PROCESSED = "form_type_not_processed"
    LINE_NOT_PROCESSED = "summary_line_not_processed"
    REASONS = {
        NO_COVER: "no cover page of its form for its filing and amendment",
        DUPLICATE_COVER: "a second cover row for the same filing and amendment",
        DUPLICATE_LINE: "a second row with the same line item in the same version",
        FORM_TYPE_NOT_PROCESSED: "a form type no processed model takes",
        LINE_NOT_PROCESSED: "a summary line no processed model takes",
    }

    # No constraint in the database: the processing writes hundreds of thousands of these rows
    # per form in one statement, and PostgreSQL would check each row's reference at commit
    # (seconds per million rows) against the one version row the same run created. Django still
    # cascades deletes.
    version = fields.ForeignKey(
        ProcessedDataVersion,
        on_delete=models.CASCADE,
        related_name="skipped_rows",
        db_constraint=False,
        db_index=False,  # the index skipped_by_table starts with it
    )
    model_name = fields.CharField(
        max_length=100, blank=True, help_text="Model the row was meant for; blank if none."
    )
    source_table = fields.CharField(max_length=100, help_text="Raw table, e.g. RCPT_CD.")
    raw_row_id = fields.BigIntegerField(help_text="id of the row in its raw table.")
    filing_id = fields.IntegerField(null=True, blank=True)
    amend_id = fields.IntegerField(null=True, blank=True)
    line_item = fields.CharField(max_length=20, blank=True)
    form_type = fields.CharField(max_length=20, blank=True)
    reason = fields.CharField(max_length=40, choices=sorted(REASONS.items()))

    class Meta:
        ordering = ("source_table", "raw_row_id")
        indexes = [models.Index(fields=("version", "source_table"), name="skipped_by_table")]

    def __str__(self) -> str:
        return f"{self.source_table} row {self.raw_row_id}: {self.reason}"
