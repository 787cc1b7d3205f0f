"""The website client against a real local server: cache, refresh, retries, errors, politeness."""

from __future__ import annotations

import pytest

from calaccess_scraped.fetching.client import CacheMode, ConflictingOptions
from calaccess_scraped.fetching.errors import (
    BotBlocked,
    ClientError,
    ConnectionFailed,
    FetchTimeout,
    NotCached,
    ServerError,
)
from calaccess_scraped.tests.website import captured_pages
from calaccess_toolkit.testing.httpserver import Fault, LocalHTTPServer

PATH = "/Campaign/Candidates/list.aspx?view=certified&electNav=195"
REAL_PAGE = next(p for p in captured_pages("candidates") if p.key == 195).body()
OTHER_PAGE = next(p for p in captured_pages("candidates") if p.key == 5).body()
BLOCK_PAGE = next(p for p in captured_pages("proposition_committees") if p.key == 1438975).body()


@pytest.fixture
def site(http_server):
    http_server.add(PATH, REAL_PAGE, content_type="text/html")
    return http_server


def methods(server) -> list[str]:
    return [request.method for request in server.requests]


def test_a_cached_page_is_validated_with_head_and_not_downloaded_again(site, make_client):
    first = make_client().get(site.url + PATH)
    assert (first.body, first.from_cache) == (REAL_PAGE, False)
    second_client = make_client()
    second = second_client.get(site.url + PATH)
    assert (second.body, second.from_cache, second.fetched_at) == (
        REAL_PAGE,
        True,
        first.fetched_at,
    )
    assert methods(site) == ["GET", "HEAD"]
    assert (second_client.stats.downloaded, second_client.stats.from_cache) == (0, 1)


def test_a_page_whose_length_changed_is_downloaded_again(site, make_client):
    make_client().get(site.url + PATH)
    site.add(PATH, OTHER_PAGE, content_type="text/html")
    page = make_client().get(site.url + PATH)
    assert (page.body, page.from_cache) == (OTHER_PAGE, False)
    assert methods(site) == ["GET", "HEAD", "GET"]
    assert make_client(CacheMode.ONLY).get(site.url + PATH).body == OTHER_PAGE


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
    with pytest.raises(ServerError, match="HTTP 503 Service Unavailable after 3 attempts"):
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


def test_the_user_agent_names_the_toolkit(site, make_client):
    make_client().get(site.url + PATH)
    agent = site.requests[0].headers["User-Agent"]
    assert agent.startswith("calaccess-toolkit/")
    assert site.requests[0].headers["Accept-Encoding"] == "identity"


def test_force_download_and_cache_only_exclude_each_other():
    with pytest.raises(ConflictingOptions, match="exclude each other"):
        CacheMode.from_options(force_download=True, cache_only=True)
