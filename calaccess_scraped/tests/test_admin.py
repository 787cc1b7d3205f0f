"""Every model of the app has a working, read-only admin page."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin

from calaccess_scraped.models import CandidateElection

pytestmark = pytest.mark.django_db
MODELS = list(apps.get_app_config("calaccess_scraped").get_models())


def test_every_model_is_registered():
    assert len(MODELS) == 8  # CandidateCommittee moved to calaccess_processed
    assert all(admin.site.is_registered(model) for model in MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_list_page_loads_and_offers_no_add(admin_client, model):
    url = f"/admin/calaccess_scraped/{model._meta.model_name}/"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert admin_client.get(url + "add/").status_code == 403


def test_a_row_can_be_viewed_but_not_changed(admin_client):
    election = CandidateElection.objects.create(
        election_id=1, name="2000 PRIMARY", url="https://x/", scraped_at="2021-04-26T00:00Z"
    )
    url = f"/admin/calaccess_scraped/candidateelection/{election.pk}/change/"
    response = admin_client.get(url)
    assert response.status_code == 200 and b"2000 PRIMARY" in response.content
    assert admin_client.post(url, {"name": "changed"}).status_code == 403
