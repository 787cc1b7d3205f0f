"""What happened to each release of the CAL-ACCESS export, and to each of its files.

The state publishes one ZIP a night. :class:`RawDataVersion` is one release (identified by the
server's ``Last-Modified`` time) and records when each pipeline stage ran and what it counted, so
the toolkit can tell whether an update finished, stalled or must resume. :class:`RawDataFile` is
one table file of that release, with its counts at every stage; comparing them is how lost rows
are noticed.

Stage times come in ``<stage>_start_datetime`` / ``<stage>_finish_datetime`` pairs. A finish time
is only written after success, so "started but not finished" always means "not (yet) done".
When ``CALACCESS_STORE_ARCHIVE`` is on, the ZIP, the zipped clean files and the error logs are kept
in Django's default storage under a folder named after the release time (see :func:`archive_path`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.apps import apps
from django.db import models
from django.utils import timezone

from calaccess_toolkit.sizes import format_size

from . import fields


def archive_path(instance: RawDataVersion | RawDataFile, filename: str) -> str:
    """Storage path for an archived file: ``calaccess/<release as YYYY-MM-DD_HH-MM-SS>/<name>``.

    Dated by the release, not the upload time, so every file of one release sits together.
    """
    version = instance if isinstance(instance, RawDataVersion) else instance.version
    return f"calaccess/{version.release_datetime:%Y-%m-%d_%H-%M-%S}/{filename}"


class RawDataVersionQuerySet(models.QuerySet):
    """Queries over releases."""

    def latest_release(self) -> RawDataVersion | None:
        """The newest release recorded, or None before the first download."""
        return self.order_by("-release_datetime").first()

    def finished(self) -> RawDataVersionQuerySet:
        """Releases whose update ran to its end (after it last started), whole or partial."""
        return self.filter(
            update_start_datetime__isnull=False,
            update_finish_datetime__isnull=False,
            update_finish_datetime__gte=models.F("update_start_datetime"),
        )

    def completed(self) -> RawDataVersionQuerySet:
        """Releases whose update finished with every table of the schema holding the release."""
        return self.finished().filter(stale_tables="")


class StageTimes:
    """A model with ``<stage>_start_datetime`` and ``<stage>_finish_datetime`` per stage."""

    def mark_started(self, stage: str, started: datetime) -> None:
        """Record that ``stage`` (e.g. "download", "clean", "update") started and has not finished.

        The finish time is cleared, so a crash part-way reads as "not done".
        """
        setattr(self, f"{stage}_start_datetime", started)
        setattr(self, f"{stage}_finish_datetime", None)
        self.save(update_fields=[f"{stage}_start_datetime", f"{stage}_finish_datetime"])


class RawDataVersion(StageTimes, models.Model):
    """One nightly release of the CAL-ACCESS export and the progress of its update."""

    # Stalled = started, unfinished, and no stage has started or finished for this long.
    STALL_AFTER = timedelta(hours=6)

    release_datetime = fields.DateTimeField(
        unique=True, help_text="When the state published the release (the ZIP's Last-Modified)."
    )
    expected_size = fields.BigIntegerField(
        null=True, blank=True, help_text="Size of the ZIP in bytes announced by the server."
    )
    etag = fields.CharField(
        max_length=200, blank=True, help_text="ETag the server sent for the ZIP, if any."
    )
    last_modified = fields.DateTimeField(
        null=True, blank=True, help_text="Last-Modified header the server sent for the ZIP."
    )

    download_start_datetime = fields.DateTimeField(null=True, blank=True)
    download_finish_datetime = fields.DateTimeField(null=True, blank=True)
    extract_start_datetime = fields.DateTimeField(null=True, blank=True)
    extract_finish_datetime = fields.DateTimeField(null=True, blank=True)
    clean_start_datetime = fields.DateTimeField(null=True, blank=True)
    clean_finish_datetime = fields.DateTimeField(null=True, blank=True)
    load_start_datetime = fields.DateTimeField(null=True, blank=True)
    load_finish_datetime = fields.DateTimeField(null=True, blank=True)
    update_start_datetime = fields.DateTimeField(
        null=True, blank=True, help_text="When the whole update (download to load) started."
    )
    update_finish_datetime = fields.DateTimeField(
        null=True, blank=True, help_text="When the whole update ran to its end (see stale_tables)."
    )
    stale_tables = fields.TextField(
        blank=True,
        default="",
        help_text=(
            "Tables that do not hold this release after its update, space-separated: missing "
            "from the export, or failed to clean, load or verify (they keep an earlier release). "
            "Empty when the release applied whole."
        ),
    )

    download_zip_size = fields.BigIntegerField(
        null=True, blank=True, help_text="Bytes of the downloaded ZIP."
    )
    clean_zip_size = fields.BigIntegerField(
        null=True, blank=True, help_text="Bytes of the ZIP of cleaned CSV files."
    )
    download_file_count = fields.IntegerField(
        null=True, blank=True, help_text="Table files found in the downloaded ZIP."
    )
    download_record_count = fields.BigIntegerField(
        null=True, blank=True, help_text="Data rows in the downloaded files."
    )
    clean_file_count = fields.IntegerField(
        null=True, blank=True, help_text="Files cleaned into CSV."
    )
    clean_record_count = fields.BigIntegerField(
        null=True, blank=True, help_text="Rows written to the cleaned CSV files."
    )
    error_count = fields.IntegerField(
        null=True, blank=True, help_text="Rows the cleaner could not repair (logged, not loaded)."
    )
    load_file_count = fields.IntegerField(
        null=True, blank=True, help_text="Tables loaded into the database."
    )
    load_record_count = fields.BigIntegerField(
        null=True, blank=True, help_text="Rows loaded into the database."
    )
    load_error_count = fields.IntegerField(
        null=True, blank=True, help_text="Values the loader could not type (logged, stored empty)."
    )

    download_zip_archive = fields.FileField(
        upload_to=archive_path, max_length=255, blank=True, help_text="The downloaded ZIP."
    )
    clean_zip_archive = fields.FileField(
        upload_to=archive_path, max_length=255, blank=True, help_text="ZIP of the cleaned CSVs."
    )
    error_log_zip_archive = fields.FileField(
        upload_to=archive_path, max_length=255, blank=True, help_text="ZIP of every error log."
    )

    objects = RawDataVersionQuerySet.as_manager()

    class Meta:
        ordering = ("-release_datetime",)
        get_latest_by = "release_datetime"

    def __str__(self) -> str:
        return f"{self.release_datetime:%Y-%m-%d %H:%M:%S %Z}".strip()

    @property
    def update_finished(self) -> bool:
        """The update of this release ran to its end after it last started, whole or partial."""
        return (
            self.update_start_datetime is not None
            and self.update_finish_datetime is not None
            and self.update_finish_datetime >= self.update_start_datetime
        )

    @property
    def update_completed(self) -> bool:
        """The update finished and every table holds this release (none is stale)."""
        return self.update_finished and not self.stale_tables

    @property
    def update_partial(self) -> bool:
        """The update finished, but the tables of :attr:`stale_table_names` keep an earlier
        release; a rerun retries them."""
        return self.update_finished and bool(self.stale_tables)

    @property
    def stale_table_names(self) -> list[str]:
        return self.stale_tables.split()

    @property
    def update_stalled(self) -> bool:
        """Started, not finished, and no stage has moved for :attr:`STALL_AFTER`."""
        if self.update_start_datetime is None or self.update_finished:
            return False
        stamps = [
            value
            for name, value in vars(self).items()
            if name.endswith("_datetime") and name != "release_datetime" and value is not None
        ]
        return timezone.now() - max(stamps) > self.STALL_AFTER

    @property
    def pretty_expected_size(self) -> str:
        return format_size(self.expected_size)

    @property
    def pretty_download_size(self) -> str:
        return format_size(self.download_zip_size)

    @property
    def pretty_clean_size(self) -> str:
        return format_size(self.clean_zip_size)


class RawDataFile(StageTimes, models.Model):
    """One table file of a release, with what each stage counted in it."""

    version = fields.ForeignKey(RawDataVersion, on_delete=models.CASCADE, related_name="files")
    file_name = fields.CharField(
        max_length=100, help_text="Table name as in the export, e.g. RCPT_CD (no extension)."
    )

    download_records_count = fields.IntegerField(
        null=True, blank=True, help_text="Data rows in the downloaded TSV (header excluded)."
    )
    download_columns_count = fields.IntegerField(null=True, blank=True)
    blank_line_count = fields.IntegerField(
        null=True, blank=True, help_text="Empty lines in the TSV, skipped by the cleaner."
    )
    repaired_records_count = fields.IntegerField(
        null=True,
        blank=True,
        help_text="Clean rows the cleaner rebuilt from a record broken over several lines.",
    )
    repaired_lines_count = fields.IntegerField(
        null=True, blank=True, help_text="Physical TSV lines those repaired records spanned."
    )
    repaired_tab_records_count = fields.IntegerField(
        null=True,
        blank=True,
        help_text="Single-line rows rebuilt by joining a value split by a tab typed inside it.",
    )
    download_file_size = fields.BigIntegerField(null=True, blank=True, help_text="Bytes of TSV.")
    clean_records_count = fields.IntegerField(null=True, blank=True)
    clean_columns_count = fields.IntegerField(null=True, blank=True)
    clean_file_size = fields.BigIntegerField(null=True, blank=True, help_text="Bytes of CSV.")
    error_count = fields.IntegerField(
        null=True, blank=True, help_text="Rows the cleaner could not repair (logged)."
    )
    load_records_count = fields.IntegerField(null=True, blank=True)
    load_columns_count = fields.IntegerField(null=True, blank=True)
    load_error_count = fields.IntegerField(
        null=True, blank=True, help_text="Values the loader could not type (logged, stored empty)."
    )

    clean_start_datetime = fields.DateTimeField(null=True, blank=True)
    clean_finish_datetime = fields.DateTimeField(null=True, blank=True)
    load_start_datetime = fields.DateTimeField(null=True, blank=True)
    load_finish_datetime = fields.DateTimeField(null=True, blank=True)

    error_log_archive = fields.FileField(
        upload_to=archive_path, max_length=255, blank=True, help_text="The cleaner's error log."
    )
    load_error_log_archive = fields.FileField(
        upload_to=archive_path, max_length=255, blank=True, help_text="The loader's error log."
    )

    class Meta:
        ordering = ("-version__release_datetime", "file_name")
        constraints = [
            models.UniqueConstraint(fields=("version", "file_name"), name="raw_file_per_version")
        ]

    def __str__(self) -> str:
        return self.file_name

    @classmethod
    def for_latest_release(cls, table: str) -> RawDataFile | None:
        """The newest release's row for ``table`` (created if missing); None before any release."""
        version = RawDataVersion.objects.latest_release()
        if version is None:
            return None
        return cls.objects.get_or_create(version=version, file_name=table)[0]

    @property
    def model(self) -> type[models.Model] | None:
        """The raw-data model whose table holds this file, or None for an unknown file."""
        for model in apps.get_app_config("calaccess_raw").get_models():
            if model._meta.db_table == self.file_name:
                return model
        return None

    @property
    def pretty_download_size(self) -> str:
        return format_size(self.download_file_size)

    @property
    def pretty_clean_size(self) -> str:
        return format_size(self.clean_file_size)
