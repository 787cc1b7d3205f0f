"""The website client against a real local server: cache, refresh, retries, errors, politeness."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from calaccess_raw.downloading import check_release
from calaccess_scraped.fetching.cache import MAX_AGE
from calaccess_scraped.fetching.client import CacheMode, ConflictingOptions
from calaccess_scraped.fetching.errors import (
    BotBlocked,
    ClientError,
    ConnectionFailed,
    FetchTimeout,
    NotCached,
    ServerFailed,
)
from calaccess_scraped.tests.website import captured_pages, serve_page
from calaccess_toolkit.http import user_agent
from calaccess_toolkit.testing.httpserver import Fault, LocalHTTPServer

PATH = "/Campaign/Candidates/list.aspx?view=certified&electNav=195"
REAL_PAGE = next(p for p in captured_pages("candidates") if p.key == 195).body()
OTHER_PAGE = next(p for p in captured_pages("candidates") if p.key == 5).body()
BLOCK_PAGE = next(p for p in captured_pages("proposition_committees") if p.key == 1438975).body()


@pytest.fixture
def site(http_server):
    serve_page(http_server, PATH, REAL_PAGE)
    return http_server


def methods(server) -> list[str]:
    return [request.method for request in server.requests]


def test_a_cached_page_is_validated_with_a_conditional_get_and_not_downloaded_again(
    site, make_client
):
    first = make_client().get(site.url + PATH)
    assert (first.body, first.from_cache) == (REAL_PAGE, False)
    second_client = make_client()
    second = second_client.get(site.url + PATH)
    assert (second.body, second.from_cache, second.fetched_at) == (
        REAL_PAGE,
        True,
        first.fetched_at,
    )
    assert methods(site) == ["GET", "GET"]
    validation = site.requests[1].headers
    assert validation["If-None-Match"] == site.resources[PATH].etag
    assert validation["If-Modified-Since"] == "Sat, 01 Jul 2017 12:00:00 GMT"
    assert (second_client.stats.downloaded, second_client.stats.from_cache) == (0, 1)


def test_a_changed_page_is_downloaded_again(site, make_client):
    make_client().get(site.url + PATH)
    serve_page(site, PATH, OTHER_PAGE)
    page = make_client().get(site.url + PATH)
    assert (page.body, page.from_cache) == (OTHER_PAGE, False)
    assert methods(site) == ["GET", "GET"]
    assert make_client(CacheMode.ONLY).get(site.url + PATH).body == OTHER_PAGE


def test_an_edit_that_keeps_the_length_is_seen(http_server, make_client):
    path = "/Campaign/Candidates/list.aspx?view=certified&electNav=5"
    serve_page(http_server, path, OTHER_PAGE)
    make_client().get(http_server.url + path)
    edited = OTHER_PAGE.replace(b"BASS, KAREN", b"BASS, KARIN")
    assert len(edited) == len(OTHER_PAGE) and edited != OTHER_PAGE
    serve_page(http_server, path, edited)
    assert make_client().get(http_server.url + path).body == edited


def test_without_an_etag_the_last_modified_date_validates_the_page(http_server, make_client):
    resource = http_server.add(PATH, REAL_PAGE, content_type="text/html", etag=None)
    make_client().get(http_server.url + PATH)
    resource.body = OTHER_PAGE
    assert make_client().get(http_server.url + PATH).body == REAL_PAGE  # same date: not modified
    assert "If-None-Match" not in http_server.requests[1].headers
    resource.last_modified += timedelta(days=1)
    assert make_client().get(http_server.url + PATH).body == OTHER_PAGE


def test_a_copy_older_than_the_max_age_is_downloaded_whatever_its_validators_say(site, make_client):
    client = make_client()
    page = client.get(site.url + PATH)
    site.resources[PATH].body = OTHER_PAGE  # a server whose validators never change
    assert make_client().get(site.url + PATH).body == REAL_PAGE
    cached = client.cache.read(site.url + PATH)
    old = timezone.now() - MAX_AGE - timedelta(minutes=1)
    client.cache.write(page.url, cached.body, cached.validators, old)
    site.requests.clear()
    again = make_client().get(site.url + PATH)
    assert (again.body, again.from_cache) == (OTHER_PAGE, False)
    assert "If-None-Match" not in site.requests[0].headers


def test_a_damaged_cached_body_is_downloaded_again(site, make_client):
    client = make_client()
    client.get(site.url + PATH)
    client.cache.path_for(site.url + PATH).write_bytes(b"half a page")
    page = make_client().get(site.url + PATH)
    assert (page.body, page.from_cache) == (REAL_PAGE, False)


def test_force_download_skips_the_validation(site, make_client):
    make_client().get(site.url + PATH)
    page = make_client(CacheMode.REFRESH).get(site.url + PATH)
    assert page.from_cache is False
    assert methods(site) == ["GET", "GET"]


def test_cache_only_sends_no_request(site, make_client):
    make_client().get(site.url + PATH)
    site.requests.clear()
    client = make_client(CacheMode.ONLY)
    assert client.get(site.url + PATH).body == REAL_PAGE
    with pytest.raises(NotCached, match="--cache-only"):
        client.get(site.url + "/Campaign/Measures/list.aspx")
    assert site.requests == []
    assert (client.stats.from_cache, client.stats.failed, client.stats.requests) == (1, 1, 0)


def test_within_one_client_a_page_is_requested_once(site, make_client):
    client = make_client()
    for _ in range(3):
        assert client.get(site.url + PATH).body == REAL_PAGE
    assert methods(site) == ["GET"]
    assert (client.stats.downloaded, client.stats.from_cache) == (1, 0)


def test_a_4xx_answer_fails_at_once_with_a_clear_error(site, make_client):
    client = make_client(retries=3)
    with pytest.raises(ClientError) as raised:
        client.get(site.url + "/Campaign/Missing.aspx")
    assert str(raised.value) == f"HTTP 404 Not Found: {site.url}/Campaign/Missing.aspx"
    assert methods(site) == ["GET"]
    with pytest.raises(ClientError):  # asking again repeats the error without a request
        client.get(site.url + "/Campaign/Missing.aspx")
    assert methods(site) == ["GET"]
    assert client.stats.failed == 1


def test_a_5xx_answer_is_retried(site, make_client):
    site.fail_next(PATH, Fault(status=500), times=2)
    page = make_client(retries=2).get(site.url + PATH)
    assert page.body == REAL_PAGE
    assert methods(site) == ["GET", "GET", "GET"]


def test_a_server_that_keeps_failing_gives_up_after_the_retries(site, make_client):
    site.fail_next(PATH, Fault(status=503), times=3)
    with pytest.raises(ServerFailed, match="HTTP 503 Service Unavailable after 3 attempts"):
        make_client(retries=2).get(site.url + PATH)
    assert methods(site) == ["GET", "GET", "GET"]


def test_a_timeout_is_retried(site, make_client):
    site.fail_next(PATH, Fault(stall=1.0))
    page = make_client(timeout=0.3, retries=1).get(site.url + PATH)
    assert page.body == REAL_PAGE


def test_a_server_that_never_answers_in_time_times_out(site, make_client):
    site.fail_next(PATH, Fault(stall=1.0), times=2)
    with pytest.raises(FetchTimeout, match="no answer within 0.3 seconds after 2 attempts"):
        make_client(timeout=0.3, retries=1).get(site.url + PATH)


def test_a_dropped_connection_is_retried(site, make_client):
    site.fail_next(PATH, Fault(drop_after=1000))
    assert make_client(retries=1).get(site.url + PATH).body == REAL_PAGE
    site.fail_next(PATH, Fault(drop_after=1000), times=2)
    with pytest.raises(ConnectionFailed):
        make_client(CacheMode.REFRESH, retries=1).get(site.url + PATH)


def test_a_closed_port_and_an_unknown_host_give_the_root_cause_in_one_line(make_client):
    with LocalHTTPServer() as server:
        url = server.url + PATH  # a port that is closed once the server has stopped
    with pytest.raises(ConnectionFailed) as refused:
        make_client(retries=1).get(url)
    assert str(refused.value) == (
        "Failed to establish a new connection: [Errno 111] Connection refused "
        f"(after 2 attempts): {url}"
    )
    unknown = "http://calaccess-site.invalid" + PATH  # .invalid never resolves (RFC 2606)
    with pytest.raises(ConnectionFailed) as unresolved:
        make_client(retries=1).get(unknown)
    message = str(unresolved.value)
    assert message.startswith("Failed to resolve 'calaccess-site.invalid' (")
    assert message.endswith(f") (after 2 attempts): {unknown}") and "\n" not in message


def test_a_bot_block_page_is_refused_and_never_replaces_the_cached_page(site, make_client):
    make_client().get(site.url + PATH)
    site.fail_next(PATH, Fault(body=BLOCK_PAGE), times=3)
    with pytest.raises(BotBlocked, match="bot-block page .*317 bytes.* after 3 attempts"):
        make_client(CacheMode.REFRESH, retries=2).get(site.url + PATH)
    assert make_client(CacheMode.ONLY).get(site.url + PATH).body == REAL_PAGE


def test_the_scraper_and_the_downloader_introduce_themselves_alike(site, make_client):
    make_client().get(site.url + PATH)
    check_release(site.url + PATH)  # the raw downloader's HEAD
    scraper, downloader = site.requests
    assert scraper.headers["User-Agent"] == downloader.headers["User-Agent"] == user_agent()
    assert user_agent().startswith("calaccess-toolkit/")
    assert scraper.headers["Accept-Encoding"] == downloader.headers["Accept-Encoding"] == "identity"


def test_force_download_and_cache_only_exclude_each_other():
    with pytest.raises(ConflictingOptions, match="exclude each other"):
        CacheMode.from_options(force_download=True, cache_only=True)
