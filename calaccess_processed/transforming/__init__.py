"""Turn the raw tables into processed filings: set-based, one transaction per form per release.

- :func:`start_version`: the tracking row of the raw release being processed;
- :func:`transform_form`: one form's models, replaced in one transaction;
- :func:`account_unrouted`: skip-log rows for raw rows of the tables read whose form type no
  model takes, so every raw row of those tables is accounted for;
- :func:`finish_version`: totals of the release, once every form is done.
"""

from __future__ import annotations

from datetime import datetime

from django.db import connections, transaction
from django.db.models import Sum
from django.utils import timezone

from calaccess_processed import specs
from calaccess_processed.models import PROCESSED_MODELS, SkippedRawRow
from calaccess_processed.models.tracking import ProcessedDataVersion

from .dialects import dialect_for
from .errors import ProcessingError, RawDataElsewhere, RawUpdateNotReady
from .statements import unrouted_rows
from .transformer import FormResult, FormTransformer, processed_alias, raw_databases

__all__ = [
    "FormResult",
    "FormTransformer",
    "ProcessingError",
    "RawDataElsewhere",
    "RawUpdateNotReady",
    "account_unrouted",
    "finish_version",
    "raw_databases",
    "start_version",
    "transform_form",
]


def start_version(raw_release_datetime: datetime, restart: bool = False) -> ProcessedDataVersion:
    """The tracking row of a raw release; marked started when new, or again when ``restart``
    (its finish time then cleared, so a crash reads as "not finished")."""
    version, _ = ProcessedDataVersion.objects.get_or_create(
        raw_release_datetime=raw_release_datetime
    )
    if version.started_at is None or restart:
        version.started_at, version.finished_at = timezone.now(), None
        version.save(update_fields=["started_at", "finished_at"])
    return version


def transform_form(form_id: str, version: ProcessedDataVersion) -> FormResult:
    """Replace the processed rows of one form (``F460``) with those of the raw tables."""
    return FormTransformer(specs.load().form(form_id), version).run()


def account_unrouted(version: ProcessedDataVersion) -> int:
    """Log every raw row of the tables read whose FORM_TYPE no model takes; return how many."""
    alias = processed_alias()
    tables = set(specs.load().source_tables()) | {specs.SUMMARY_TABLE}
    elsewhere = raw_databases(alias, tables)
    dialect = dialect_for(connections[alias])
    with transaction.atomic(using=alias):
        # This release's log only: another release's stays as it was recorded.
        SkippedRawRow.objects.using(alias).filter(version=version, model_name="").delete()
        with connections[alias].cursor() as cursor:
            for setting in dialect.transaction_settings():
                cursor.execute(setting)
            for statement in unrouted_rows(dialect, version.pk, elsewhere):
                cursor.execute(statement.sql, statement.params)
    return SkippedRawRow.objects.using(alias).filter(version=version, model_name="").count()


def finish_version(version: ProcessedDataVersion) -> ProcessedDataVersion:
    """Sum the release's counts and mark it finished.

    ``row_count`` is the rows of the version models (every amendment): each raw row kept counts
    once. The latest models copy some of those rows, so adding them would count those twice.
    """
    versions = [name for name, model in PROCESSED_MODELS.items() if model.is_version]
    totals = version.files.filter(model_name__in=versions).aggregate(rows=Sum("row_count"))
    version.row_count = totals["rows"] or 0
    version.skipped_row_count = version.skipped_rows.count()
    version.finished_at = timezone.now()
    version.save()
    return version
