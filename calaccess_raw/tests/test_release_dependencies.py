"""The raw chain's dependencies are about the current release: last month's steps do not count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from calaccess_raw.epochs import current_release_started
from calaccess_raw.models import RawDataVersion
from django_commander import recorder
from django_commander.registry import commands

pytestmark = pytest.mark.django_db

FIRST = datetime(2017, 7, 1, 12, tzinfo=UTC)


def succeeded(name: str, parameters: dict) -> None:
    """Record a real, successful run of ``name``, as the executor does."""
    recorder.succeed(recorder.start(name, parameters, {}))


def test_a_dependency_met_for_release_1_is_unmet_after_release_2_is_downloaded():
    started = timezone.now() - timedelta(hours=2)
    RawDataVersion.objects.create(release_datetime=FIRST, download_start_datetime=started)
    assert current_release_started() == started
    succeeded("extract_raw_files", {})
    succeeded("clean_raw_file", {"file_name": "RCPT_CD"})
    clean, load = commands["clean_raw_file"]("RCPT_CD"), commands["load_raw_file"]("RCPT_CD")
    assert clean.unmet_dependencies() == [] and load.unmet_dependencies() == []

    second_started = timezone.now() + timedelta(seconds=1)
    RawDataVersion.objects.create(
        release_datetime=FIRST + timedelta(days=1), download_start_datetime=second_started
    )
    assert current_release_started() == second_started
    assert clean.unmet_dependencies() == [("extract_raw_files", {})]
    assert load.unmet_dependencies() == [("clean_raw_file", {"file_name": "RCPT_CD"})]


def test_before_any_release_is_recorded_any_success_counts():
    assert current_release_started() is None
    succeeded("extract_raw_files", {})
    assert commands["clean_raw_file"]("RCPT_CD").unmet_dependencies() == []


def test_the_update_of_a_release_starts_its_epoch_before_its_download():
    update, download = timezone.now() - timedelta(minutes=5), timezone.now()
    RawDataVersion.objects.create(
        release_datetime=FIRST, update_start_datetime=update, download_start_datetime=download
    )
    assert current_release_started() == update
