"""Operations and safety: staff-only admin and run pages, read-only public pages, hostile search.

On the loaded fixtures (``web_data``) and each test database: hostile text reaches SQL only as
parameters, so quotes, LIKE wildcards, comments, backslashes and full-text operators answer a
page (200, matching nothing they do not literally contain) or a 400, never a 500 or every row.
"""

from __future__ import annotations

import pytest

from calaccess_web.models import SearchEntry

from .pages import AMENDED_FILING, COMMITTEE, COMMITTEE_NAME

pytestmark = pytest.mark.django_db

#: Text that would change the query if it were pasted into SQL, LIKE or a full-text expression.
HOSTILE = [
    "' OR '1'='1",
    "x'; DROP TABLE calaccess_web_searchentry; --",
    '"',
    '"chavez council',
    "%",
    "_",
    "%%__",
    "\\",
    "\\%",
    "renee\\",
    "-- comment",
    "/* x */",
    ";",
    "chavez NEAR council",
    "NEAR(chavez council, 2)",
    "chav*",
    "*",
    "chavez AND OR NOT",
    "+-~<>()@",
    "'",
    "'';",
    "\u00e9\u00e8 \u2603",
]

PUBLIC = [
    "/",
    "/search/?q=chavez",
    f"/committees/{COMMITTEE}/",
    f"/filings/{AMENDED_FILING}/",
    "/contributions/",
    f"/committees/{COMMITTEE}/contributions/",
    "/api/contributions/",
    "/api/contributions/download.csv",
    "/api/openapi.json",
    "/elections/",
    "/downloads/",
]


@pytest.mark.parametrize("url", ["/admin/", "/admin/django_commander/commandlog/", "/commander/"])
def test_admin_and_run_pages_refuse_anonymous_users(client, url) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert client.post(url, {}).status_code in (302, 403)


def test_admin_and_run_pages_refuse_users_without_staff(client, django_user_model) -> None:
    user = django_user_model.objects.create_user("reporter", password="not-staff-pw-1")
    client.force_login(user)
    for url in ("/admin/", "/commander/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_public_pages_and_api_are_read_only(web_data, client, method) -> None:
    before = SearchEntry.objects.count()
    for url in PUBLIC:
        response = getattr(client, method)(url, data={"q": "x"})
        assert response.status_code == 405, (method, url, response.status_code)
        assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}
    assert SearchEntry.objects.count() == before
    assert client.head(f"/committees/{COMMITTEE}/").status_code == 200


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_search_input_is_only_a_parameter(web_data, client, text) -> None:
    total = SearchEntry.objects.count()
    for mode in ("fulltext", "prefix"):
        response = client.get("/search/", {"q": text, "mode": mode})
        assert response.status_code in (200, 400), (mode, text, response.status_code)
        assert b"Traceback" not in response.content
        if response.status_code == 200 and mode == "prefix":
            # The text is a literal prefix: wildcards and quotes match only themselves.
            for entry in response.context["results"]:
                assert entry.name.upper().startswith(text.upper()) or str(
                    entry.filer_id
                ).startswith(text), (text, entry.name)
    typeahead = client.get("/search/typeahead.json", {"q": text})
    assert typeahead.status_code in (200, 400)
    if typeahead.status_code == 200:
        names = [r["name"].upper() for r in typeahead.json()["results"]]
        assert all(name.startswith(text.upper()) for name in names), (text, names)
    listed = client.get("/api/contributions/", {"name": text, "limit": 500})
    assert listed.status_code in (200, 400)
    if listed.status_code == 200:
        for row in listed.json()["results"]:
            assert any(
                text.lower() in (row[column] or "").lower()
                for column in ("contributor_lastname", "contributor_firstname")
            ), (text, row)
    assert SearchEntry.objects.count() == total


def test_an_unbalanced_quote_or_operator_still_finds_the_committee(web_data, client) -> None:
    for text in ('"renee chavez', "chavez NEAR council", "chavez council*", "chavez; council"):
        response = client.get("/search/", {"q": text, "kind": "committee"})
        assert response.status_code in (200, 400), text
        if response.status_code == 200:
            body = response.content.decode()
            if "near" not in text.lower():
                assert COMMITTEE_NAME in body, text
