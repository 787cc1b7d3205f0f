"""The processed models have read-only admin pages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_candidate_committees_are_listed_read_only(admin_client):
    url = "/admin/calaccess_processed/candidatecommittee/"
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url + "add/").status_code == 403
