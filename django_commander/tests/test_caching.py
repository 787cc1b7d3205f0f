from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def test_download_results_are_cached_across_runs(example_commands, tmp_path):
    counter = tmp_path / "calls"
    first = example_commands["cached_fetch"](str(counter)).run()
    assert first == ["x-1", "y-2"]
    second = example_commands["cached_fetch"](str(counter)).run()
    assert second == first
    assert counter.read_text() == "2"


def test_refresh_cache_fetches_again_and_replaces_the_cache(example_commands, tmp_path):
    counter = tmp_path / "calls"
    example_commands["cached_fetch"](str(counter)).run()
    refreshed = example_commands["cached_fetch"](str(counter), refresh_cache=True).run()
    assert refreshed == ["x-3", "y-4"]
    assert example_commands["cached_fetch"](str(counter)).run() == ["x-3", "y-4"]
    assert counter.read_text() == "4"


def test_cache_lives_in_the_local_folder_by_default(example_commands, tmp_path, data_dir):
    example_commands["cached_fetch"](str(tmp_path / "calls")).run()
    cached = list((data_dir / ".commander_cache" / "cached_fetch").glob("*.pickle"))
    assert len(cached) == 2


def test_cache_can_live_in_any_django_storage(example_commands, tmp_path, settings):
    location = tmp_path / "storage"
    settings.STORAGES = {
        **settings.STORAGES,
        "commander_cache": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    settings.DJANGO_COMMANDER_CACHE_STORAGE = "commander_cache"
    example_commands["cached_fetch"](str(tmp_path / "calls")).run()
    assert len(list(Path(location, "cached_fetch").glob("*.pickle"))) == 2


def test_refresh_cache_is_offered_only_where_a_download_is_cached(example_commands):
    cached = example_commands["cached_fetch"].argument_parser()
    assert cached.parse_args(["counter", "--refresh-cache"]).refresh_cache is True
    plain = example_commands["basic_echo"].argument_parser()
    with pytest.raises(SystemExit):
        plain.parse_args(["word", "--refresh-cache"])
