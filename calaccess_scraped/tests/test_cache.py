"""The page cache stores bodies and what the server said about them, under readable names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from calaccess_scraped.fetching.cache import MAX_AGE, PageCache, Validators

URL = "https://cal-access.sos.ca.gov/Campaign/Candidates/list.aspx?view=certified&electNav=3"


def test_a_page_round_trips(tmp_path):
    cache = PageCache(tmp_path)
    when = datetime(2025, 4, 22, 12, 0, tzinfo=UTC)
    assert cache.read(URL) is None
    validators = Validators('"v1"', "Tue, 22 Apr 2025 11:00:00 GMT")
    cache.write(URL, b"<html>\xe2\x80\x99</html>", validators, when)
    cached = cache.read(URL)
    assert (cached.body, cached.validators, cached.fetched_at) == (
        b"<html>\xe2\x80\x99</html>",
        validators,
        when,
    )
    assert [p.name for p in tmp_path.rglob(".tmp-*")] == []


def test_file_names_are_readable_and_distinct(tmp_path):
    cache = PageCache(tmp_path)
    path = cache.path_for(URL)
    assert path.relative_to(tmp_path).parts[:4] == (
        "cal-access.sos.ca.gov",
        "Campaign",
        "Candidates",
        "list.aspx",
    )
    assert path.name.startswith("view=certified&electNav=3.")
    assert cache.path_for(URL.replace("=3", "=39")) != path
    assert cache.path_for("http://127.0.0.1:8000/Campaign/Measures/list.aspx").parts[-5] == (
        "127.0.0.1_8000"
    )


def test_a_page_missing_its_record_is_not_cached(tmp_path):
    cache = PageCache(tmp_path)
    cache.write(URL, b"body", Validators('"v1"'), datetime(2025, 1, 1, tzinfo=UTC))
    cache.path_for(URL).with_suffix(".json").unlink()
    assert cache.read(URL) is None


def test_only_a_whole_young_copy_with_validators_can_be_validated(tmp_path):
    cache = PageCache(tmp_path)
    when = datetime(2025, 4, 22, 12, 0, tzinfo=UTC)
    cache.write(URL, b"body", Validators('"v1"'), when)
    cached = cache.read(URL)
    assert cached.can_be_validated(when + MAX_AGE)
    assert not cached.can_be_validated(when + MAX_AGE + timedelta(seconds=1))
    cache.write(URL, b"body", Validators(), when)  # the server gave no ETag, no Last-Modified
    assert not cache.read(URL).can_be_validated(when)
    cache.write(URL, b"body", Validators('"v1"'), when)
    cache.path_for(URL).write_bytes(b"bod")  # not the body that was downloaded
    assert not cache.read(URL).can_be_validated(when)
