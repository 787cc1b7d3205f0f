"""The processed admin: every model read-only, searchable; a filing links its versions and items."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from calaccess_processed.models import PROCESSED_MODELS, Form460Filing, SkippedRawRow
from calaccess_processed.tests.coherent import manifest
from calaccess_toolkit.admin import ReadOnlyAdmin

pytestmark = pytest.mark.django_db


def test_every_processed_model_is_registered_read_only():
    for model in (*PROCESSED_MODELS.values(), SkippedRawRow):
        assert isinstance(admin.site._registry[model], ReadOnlyAdmin), model.__name__
    filings = admin.site._registry[Form460Filing]
    assert "filer_lastname" in filings.search_fields and "filing_id__exact" in filings.search_fields


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("staff", "staff@example.com", "secret")
    client.force_login(user)
    return client


def test_a_filing_page_links_its_versions_and_items(coherent_data, staff_client):
    entry = next(f for f in manifest()["filings"] if f["form"] == "F460")
    filing = Form460Filing.objects.get(filing_id=entry["filing_id"])
    listing = staff_client.get(
        reverse("admin:calaccess_processed_form460filing_changelist"),
        {"q": filing.filer_lastname},
    )
    assert listing.status_code == 200 and str(filing.filing_id) in listing.content.decode()
    page = staff_client.get(
        reverse("admin:calaccess_processed_form460filing_change", args=[filing.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert f"form460scheduleaitemversion/?filing_id={filing.filing_id}" in html
    assert f"filingid={filing.filing_id}&amp;amendid={filing.amend_id}" in html
    items = staff_client.get(
        reverse("admin:calaccess_processed_form460scheduleaitemversion_changelist"),
        {"filing_id": filing.filing_id},
    )
    assert items.status_code == 200


def test_candidate_committees_are_listed_read_only(admin_client):
    url = "/admin/calaccess_processed/candidatecommittee/"
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url + "add/").status_code == 403
