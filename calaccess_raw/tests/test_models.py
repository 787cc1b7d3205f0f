"""The 80 table models are derived from the schema; the tracking models report progress."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from calaccess_raw import schema
from calaccess_raw.models import (
    RAW_DATA_MODELS,
    CvrCampaignDisclosureCd,
    FilerFilingsCd,
    RawDataFile,
    RawDataVersion,
    RcptCd,
    ReportsCd,
    get_raw_model,
)
from calaccess_raw.models.tracking import archive_path

SCHEMA = schema.load()


def test_one_model_per_table_named_from_the_schema():
    assert len(RAW_DATA_MODELS) == 80
    assert [model.__name__ for model in RAW_DATA_MODELS] == [
        table.model_name for table in SCHEMA.tables
    ]
    registered = {model.__name__ for model in apps.get_app_config("calaccess_raw").get_models()}
    assert {model.__name__ for model in RAW_DATA_MODELS} <= registered


def test_tables_and_columns_keep_the_exports_names():
    for model in RAW_DATA_MODELS:
        assert model._meta.db_table == model.schema.name
        columns = [field.db_column for field in model._meta.concrete_fields if field.name != "id"]
        assert columns == list(model.schema.columns), model.__name__
    assert RcptCd._meta.db_table == "RCPT_CD"
    assert RcptCd._meta.get_field("amount").db_column == "AMOUNT"


def test_surrogate_primary_key():
    for model in RAW_DATA_MODELS:
        assert model._meta.pk.name == "id"
        assert isinstance(model._meta.pk, models.BigAutoField)


def test_field_types_lengths_and_nulls_follow_the_schema():
    amount = RcptCd._meta.get_field("amount")
    assert isinstance(amount, models.DecimalField)
    assert (amount.max_digits, amount.decimal_places, amount.null) == (14, 2, True)
    name = RcptCd._meta.get_field("ctrib_naml")
    assert isinstance(name, models.CharField) and not name.null
    assert name.max_length == 2 * SCHEMA.table("RCPT_CD").field("CTRIB_NAML").max_length
    assert isinstance(RcptCd._meta.get_field("rcpt_date"), models.DateField)
    assert isinstance(FilerFilingsCd._meta.get_field("filing_date"), models.DateTimeField)
    assert RcptCd._meta.get_field("filing_id").db_index
    flag = CvrCampaignDisclosureCd._meta.get_field("control_yn")
    assert isinstance(flag, models.IntegerField) and flag.null


def test_every_non_text_column_is_nullable_so_blanks_are_null():
    for model in RAW_DATA_MODELS:
        for field in model._meta.concrete_fields:
            if field.name != "id" and not isinstance(field, models.CharField):
                assert field.null, f"{model.__name__}.{field.name}"


def test_documented_references_are_plain_integer_columns():
    model = get_raw_model("FILER_TYPE_PERIODS_CD")
    period = model._meta.get_field("period_id")
    assert isinstance(period, models.IntegerField) and not period.is_relation


def test_documentation_is_on_the_models():
    amount = RcptCd._meta.get_field("amount")
    assert amount.help_text == SCHEMA.table("RCPT_CD").field("AMOUNT").definition
    office = RcptCd._meta.get_field("office_cd")
    assert ("ASM", "State Assembly Person") in office.choices
    party = get_raw_model("FILER_TO_FILER_TYPE_CD")._meta.get_field("party_cd")
    assert (None, "NONE") in party.choices
    assert RcptCd.schema is SCHEMA.table("RCPT_CD")
    assert RcptCd.unique_key_fields() == (
        "filing_id",
        "amend_id",
        "line_item",
        "rec_type",
        "form_type",
    )
    assert RcptCd._meta.verbose_name == "RCPT_CD"
    assert ReportsCd._meta.get_field("rpt_desc").db_column == "RPT_DESC_"


def test_str_shows_the_unique_key():
    row = RcptCd(filing_id=591352, amend_id=0, line_item=22, rec_type="RCPT", form_type="A")
    assert str(row) == "591352 0 22 RCPT A"


def test_models_are_found_by_class_or_table_name():
    assert get_raw_model("RcptCd") is RcptCd
    assert get_raw_model("rcpt_cd") is RcptCd
    with pytest.raises(LookupError, match="NOPE"):
        get_raw_model("NOPE")


def test_archive_paths_are_dated_by_release():
    version = RawDataVersion(release_datetime=datetime(2017, 7, 1, 12, tzinfo=UTC))
    assert archive_path(version, "dbwebexport.zip") == (
        "calaccess/2017-07-01_12-00-00/dbwebexport.zip"
    )
    raw_file = RawDataFile(version=version, file_name="RCPT_CD")
    assert archive_path(raw_file, "RCPT_CD.errors.csv").startswith("calaccess/2017-07-01_12")


@pytest.mark.django_db
def test_update_states_and_completed_queryset():
    now = timezone.now()
    done = RawDataVersion.objects.create(
        release_datetime=now - timedelta(days=2),
        update_start_datetime=now - timedelta(days=2),
        update_finish_datetime=now - timedelta(days=2, minutes=-30),
        download_zip_size=1_906_677,
    )
    stalled = RawDataVersion.objects.create(
        release_datetime=now - timedelta(days=1),
        update_start_datetime=now - timedelta(days=1),
        download_finish_datetime=now - timedelta(hours=23),
    )
    running = RawDataVersion.objects.create(
        release_datetime=now, update_start_datetime=now - timedelta(minutes=5)
    )
    assert done.update_completed and not done.update_stalled
    assert stalled.update_stalled and not stalled.update_completed
    assert not running.update_stalled and not running.update_completed
    assert list(RawDataVersion.objects.completed()) == [done]
    assert RawDataVersion.objects.latest() == running
    assert done.pretty_download_size == "1.9 MB"  # as the download describes it


@pytest.mark.django_db
def test_raw_data_file_knows_its_model_and_is_unique_per_version():
    version = RawDataVersion.objects.create(release_datetime=timezone.now())
    raw_file = RawDataFile.objects.create(
        version=version, file_name="RCPT_CD", clean_file_size=2048
    )
    assert raw_file.model is RcptCd
    assert RawDataFile(version=version, file_name="NOT_A_TABLE").model is None
    assert raw_file.pretty_clean_size == "2.0 KB"
    assert list(version.files.all()) == [raw_file]
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        RawDataFile.objects.create(version=version, file_name="RCPT_CD")


@pytest.mark.django_db
def test_decimal_values_round_trip():
    RcptCd.objects.create(filing_id=1, amount=Decimal("16669.53"))
    assert RcptCd.objects.get().amount == Decimal("16669.53")
