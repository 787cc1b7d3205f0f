"""The one session and the one retry loop the downloader and the scraper share."""

from __future__ import annotations

import pytest

from calaccess_toolkit.http import make_session, user_agent, with_retries
from calaccess_toolkit.network import RetryPolicy

POLICY = RetryPolicy(retries=2, timeout=1.0, backoff=0.5)


class Flaky(Exception):
    pass


class GaveUp(Exception):
    pass


def attempts_failing(times: int, received: list[int] | None = None):
    """An attempt that fails ``times`` times, optionally receiving bytes on some attempts."""
    calls: list[int] = []

    def attempt(number: int) -> str:
        calls.append(number)
        if received is not None:
            received[0] += 10 if number in (2, 3) else 0
        if len(calls) <= times:
            raise Flaky(f"attempt {number}")
        return "done"

    return attempt, calls


def test_the_session_names_the_toolkit_and_refuses_compression():
    session = make_session()
    assert session.headers["User-Agent"] == user_agent()
    assert user_agent().startswith("calaccess-toolkit/")
    assert session.headers["Accept-Encoding"] == "identity"


def test_failures_are_retried_with_exponential_backoff():
    sleeps: list[float] = []
    attempt, calls = attempts_failing(2)
    assert with_retries(attempt, POLICY, transient=(Flaky,), sleep=sleeps.append) == "done"
    assert (calls, sleeps) == ([1, 2, 3], [0.5, 1.0])


def test_after_the_retries_the_last_error_is_raised_or_translated():
    attempt, calls = attempts_failing(5)
    with pytest.raises(Flaky, match="attempt 3"):
        with_retries(attempt, POLICY, transient=(Flaky,), sleep=lambda _: None)
    assert calls == [1, 2, 3]
    attempt, _ = attempts_failing(5)
    with pytest.raises(GaveUp, match="3 failures") as raised:
        with_retries(
            attempt,
            POLICY,
            transient=(Flaky,),
            give_up=lambda error, failures: GaveUp(f"{failures} failures"),
            sleep=lambda _: None,
        )
    assert isinstance(raised.value.__cause__, Flaky)


def test_an_attempt_that_made_progress_resets_the_count():
    received = [0]
    sleeps: list[float] = []
    attempt, calls = attempts_failing(4, received)
    result = with_retries(
        attempt, POLICY, transient=(Flaky,), progress=lambda: received[0], sleep=sleeps.append
    )
    assert result == "done" and calls == [1, 2, 3, 4, 5]
    assert sleeps == [0.5, 0.5, 0.5, 1.0]  # attempts 2 and 3 got bytes: back to the first delay


def test_other_errors_are_not_retried():
    def attempt(number: int) -> str:
        raise ValueError("final")

    with pytest.raises(ValueError):
        with_retries(attempt, POLICY, transient=(Flaky,), sleep=lambda _: None)
