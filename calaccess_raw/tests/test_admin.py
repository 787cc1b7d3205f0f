"""The admin: every raw table browsable, searchable and filterable, nothing editable."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from calaccess_raw.admin import ReadOnlyAdmin
from calaccess_raw.loading import load_table
from calaccess_raw.models import (
    RAW_DATA_MODELS,
    CvrCampaignDisclosureCd,
    RawDataFile,
    RawDataVersion,
    RcptCd,
)

from .load_support import reference_csv


def test_every_raw_table_and_tracking_model_is_registered_read_only():
    for model in (*RAW_DATA_MODELS, RawDataVersion, RawDataFile):
        assert isinstance(admin.site._registry[model], ReadOnlyAdmin), model.__name__


def test_admin_options_are_derived_from_the_schema():
    receipts = admin.site._registry[RcptCd]
    assert receipts.list_display == ("filing_id", "amend_id", "line_item", "rec_type", "form_type")
    assert "ctrib_naml" in receipts.search_fields and "ctrib_namt" not in receipts.search_fields
    assert "filing_id__exact" in receipts.search_fields
    assert "amend_id__exact" not in receipts.search_fields
    assert "entity_cd" in receipts.list_filter and "office_cd" in receipts.list_filter
    names = admin.site._registry[
        next(model for model in RAW_DATA_MODELS if model.schema.name == "NAMES_CD")
    ]
    assert len(names.list_display) == 5  # no documented key: the first columns


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("staff", "staff@example.com", "secret")
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_browse_search_and_filter_real_rows(staff_client, data_dir):
    load_table(RcptCd, reference_csv("RCPT_CD"))
    load_table(CvrCampaignDisclosureCd, reference_csv("CVR_CAMPAIGN_DISCLOSURE_CD"))
    url = reverse("admin:calaccess_raw_rcptcd_changelist")
    page = staff_client.get(url)
    newest = RcptCd.objects.order_by("-id").first()
    assert page.context["cl"].result_count == 1000
    assert str(newest.filing_id).encode() in page.content
    found = staff_client.get(url, {"q": "Dunn"})
    assert found.status_code == 200 and found.context["cl"].result_count >= 1
    by_id = staff_client.get(url, {"q": "591352"})
    assert by_id.context["cl"].result_count == RcptCd.objects.filter(filing_id=591352).count()
    filtered = staff_client.get(url, {"entity_cd__exact": "IND"})
    assert filtered.context["cl"].result_count == RcptCd.objects.filter(entity_cd="IND").count()
    detail = staff_client.get(
        reverse("admin:calaccess_raw_rcptcd_change", args=[RcptCd.objects.first().pk])
    )
    assert detail.status_code == 200 and b"Save" not in detail.content
    flags = staff_client.get(
        reverse("admin:calaccess_raw_cvrcampaigndisclosurecd_changelist"),
        {"control_yn__exact": "1"},
    )
    expected = CvrCampaignDisclosureCd.objects.filter(control_yn=1).count()
    assert flags.context["cl"].result_count == expected > 0


@pytest.mark.django_db
def test_nothing_can_be_added_changed_or_deleted(staff_client):
    assert staff_client.get(reverse("admin:calaccess_raw_rcptcd_add")).status_code == 403
    version = RawDataVersion.objects.create(release_datetime=timezone.now(), download_zip_size=2048)
    RawDataFile.objects.create(version=version, file_name="RCPT_CD", load_records_count=1000)
    page = staff_client.get(reverse("admin:calaccess_raw_rawdataversion_changelist"))
    assert page.status_code == 200 and b"2.0 KB" in page.content
    change = staff_client.get(
        reverse("admin:calaccess_raw_rawdataversion_change", args=[version.pk])
    )
    assert change.status_code == 200 and b"RCPT_CD" in change.content
    delete = staff_client.post(
        reverse("admin:calaccess_raw_rawdataversion_delete", args=[version.pk])
    )
    assert delete.status_code == 403 and RawDataVersion.objects.count() == 1
