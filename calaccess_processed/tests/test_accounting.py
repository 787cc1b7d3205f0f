"""Every raw row of the tables processing reads is in exactly one version model or in the skip
log with its reason; the counts of the tracking rows match."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from calaccess_processed import specs
from calaccess_processed.models import (
    PROCESSED_MODELS,
    Form460FilingVersion,
    ProcessedDataFile,
    ProcessedDataVersion,
    SkippedRawRow,
)
from calaccess_processed.tests.coherent import manifest
from calaccess_processed.transforming import account_unrouted, start_version, transform_form
from calaccess_raw.models import SmryCd, get_raw_model

pytestmark = pytest.mark.django_db


def _routed(table: str) -> int:
    return sum(
        PROCESSED_MODELS[model.version_name].objects.count()
        for model in specs.load().models
        if model.source_table == table
    )


def test_raw_rows_reconcile_with_loaded_plus_skipped(coherent_data):
    skipped = Counter(SkippedRawRow.objects.values_list("source_table", flat=True))
    for table in specs.load().source_tables():
        raw = get_raw_model(table).objects.count()
        assert raw == _routed(table) + skipped[table], table
        assert _routed(table) > 0, table


def test_summary_lines_reconcile(coherent_data):
    declared = {
        (line.form_type, line.line_item)
        for model in specs.load().models
        for line in model.summary_lines
    }
    versions = set(Form460FilingVersion.objects.values_list("filing_id", "amend_id"))
    routed = {
        row
        for row in SmryCd.objects.values_list("filing_id", "amend_id", "form_type", "line_item")
        if (row[2], row[3]) in declared and row[:2] in versions
    }
    skipped = SkippedRawRow.objects.filter(source_table="SMRY_CD").count()
    assert SmryCd.objects.count() == len(routed) + skipped
    reasons = set(
        SkippedRawRow.objects.filter(source_table="SMRY_CD").values_list("reason", flat=True)
    )
    assert SkippedRawRow.FORM_TYPE_NOT_PROCESSED in reasons


def test_skip_log_names_the_duplicated_line_and_the_rows_without_cover(coherent_data):
    duplicate = manifest()["special_cases"]["duplicate_line_item"]
    row = SkippedRawRow.objects.get(reason=SkippedRawRow.DUPLICATE_LINE, source_table="RCPT_CD")
    assert (row.filing_id, row.amend_id, row.line_item, row.form_type) == (
        duplicate["filing_id"],
        duplicate["amend_id"],
        str(duplicate["line_item"]),
        duplicate["form_type"],
    )
    assert row.model_name == "Form460ScheduleAItemVersion"
    # The plain sample's items have no cover page in it: skipped, not lost.
    assert (
        SkippedRawRow.objects.filter(reason=SkippedRawRow.NO_COVER, source_table="RCPT_CD").count()
        > 100
    )
    assert SkippedRawRow.objects.filter(
        reason=SkippedRawRow.FORM_TYPE_NOT_PROCESSED, source_table="CVR_CAMPAIGN_DISCLOSURE_CD"
    ).exists()


def test_tracking_rows_count_what_was_written(coherent_data):
    version = ProcessedDataVersion.objects.get()
    assert version.completed
    files = {file.model_name: file for file in version.files.all()}
    assert set(files) == set(PROCESSED_MODELS)
    for name, file in files.items():
        assert file.row_count == PROCESSED_MODELS[name].objects.count(), name
        assert file.finished_at >= file.started_at
    versions = sum(file.row_count for name, file in files.items() if name.endswith("Version"))
    assert version.row_count == versions
    assert version.row_count < sum(file.row_count for file in files.values())
    assert version.row_count == sum(
        model.objects.count() for model in PROCESSED_MODELS.values() if model.is_version
    )
    assert version.skipped_row_count == SkippedRawRow.objects.count()
    assert (
        ProcessedDataFile.objects.get(model_name="Form460ScheduleAItemVersion").skipped_row_count
        > 0
    )


def test_processing_another_release_keeps_the_skip_log_of_the_first(coherent_data):
    first = ProcessedDataVersion.objects.get()
    logged = SkippedRawRow.objects.filter(version=first).count()
    assert logged == first.skipped_row_count > 0
    second = start_version(first.raw_release_datetime + timedelta(days=1))
    transform_form("F460", second)
    account_unrouted(second)
    assert SkippedRawRow.objects.filter(version=first).count() == logged
    assert SkippedRawRow.objects.filter(version=second, model_name="").exists()
    assert SkippedRawRow.objects.filter(
        version=second, model_name="Form460ScheduleAItemVersion"
    ).exists()
