"""The rate limiter spaces requests; checked on a fake clock and against the real local server."""

from __future__ import annotations

from itertools import pairwise

from calaccess_scraped.fetching.ratelimit import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


def test_requests_are_spaced_by_the_rate():
    clock = FakeClock()
    limiter = RateLimiter(rate=2.0, clock=clock, sleep=clock.sleep)
    limiter.wait()  # the first request never waits
    limiter.wait()
    clock.now += 0.2  # work between requests counts towards the interval
    limiter.wait()
    clock.now += 5  # a long pause owes nothing
    limiter.wait()
    assert clock.sleeps == [0.5, 0.3]


def test_a_rate_of_zero_means_no_limit():
    clock = FakeClock()
    limiter = RateLimiter(rate=0, clock=clock, sleep=clock.sleep)
    for _ in range(5):
        limiter.wait()
    assert clock.sleeps == []


def test_the_client_keeps_the_rate_against_a_real_server(http_server, make_client):
    for number in range(4):
        http_server.add(f"/page{number}", b"<html>California Secretary of State</html>" * 200)
    client = make_client(rate=5.0)
    for number in range(4):
        client.get(f"{http_server.url}/page{number}")
    arrivals = [request.time for request in http_server.requests]
    assert len(arrivals) == 4
    # at most 5 requests a second: starts 0.2 s apart (network jitter allowed for)
    assert all(later - earlier >= 0.17 for earlier, later in pairwise(arrivals))
