"""``extractcalaccessrawfiles`` end to end: all 80 tables, tracking rows, the ZIP's fate, errors."""

from __future__ import annotations

import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from calaccess_raw import paths
from calaccess_raw.models import RawDataFile, RawDataVersion
from calaccess_raw.tests.download_support import export_url, serve_export
from calaccess_toolkit import network
from calaccess_toolkit.testing.fixtures import fixture

pytestmark = pytest.mark.django_db

EXPORT = fixture("calaccess-export", "dbwebexport.zip")


def sample_sizes() -> dict[str, int]:
    with zipfile.ZipFile(EXPORT) as archive:
        return {
            info.filename.rsplit("/", 1)[1][: -len(".TSV")]: info.file_size
            for info in archive.infolist()
        }


@pytest.fixture
def downloaded(http_server, settings, data_dir, monkeypatch):
    """The sample export downloaded through the download command, as in a real update."""
    serve_export(http_server)
    settings.CALACCESS_DOWNLOAD_URL = export_url(http_server)
    monkeypatch.setattr(network, "BACKOFF_SECONDS", 0.01)
    call_command("downloadcalaccessrawdata", "--noinput", stdout=StringIO())
    return paths.zip_path()


def extract(*args: str) -> str:
    out = StringIO()
    call_command("extractcalaccessrawfiles", "--noinput", *args, stdout=out)
    return out.getvalue()


def test_every_table_is_extracted_and_recorded_and_the_zip_deleted(downloaded):
    output = extract()

    sizes = sample_sizes()
    assert len(sizes) == 80
    assert {path.stem: path.stat().st_size for path in paths.tsv_dir().glob("*.TSV")} == sizes
    assert output.splitlines() == [
        f"Extracted 80 files ({sum(sizes.values()):,} bytes) to {paths.tsv_dir()}.",
        f"Deleted {downloaded} (keep it with --keep-files).",
    ]
    assert not downloaded.exists()
    version = RawDataVersion.objects.get()
    assert version.download_file_count == 80
    assert version.extract_start_datetime <= version.extract_finish_datetime
    files = {row.file_name: row for row in RawDataFile.objects.filter(version=version)}
    assert {name: row.download_file_size for name, row in files.items()} == sizes
    rcpt = paths.tsv_path("RCPT_CD").read_bytes()
    assert files["RCPT_CD"].download_records_count == rcpt.count(b"\n") - 1
    assert files["RCPT_CD"].download_records_count > 0
    total = sum(row.download_records_count for row in files.values())
    assert version.download_record_count == total


def test_keep_files_keeps_the_zip(downloaded):
    output = extract("--keep-files")
    assert "Deleted" not in output
    assert downloaded.read_bytes() == EXPORT.read_bytes()
    assert len(list(paths.tsv_dir().glob("*.TSV"))) == 80


def test_extraction_needs_a_download_first(data_dir):
    with pytest.raises(CommandError, match="extract_raw_files depends on download_raw_data"):
        extract()
    with pytest.raises(CommandError) as error:
        extract("--ignore-dependencies")
    assert str(error.value) == f"no export to extract at {paths.zip_path()}; download it first"


def test_a_zip_put_there_by_hand_is_extracted_without_tracking(data_dir):
    paths.zip_path().write_bytes(EXPORT.read_bytes())

    output = extract("--ignore-dependencies")

    assert output.splitlines()[0] == (
        f"{paths.zip_path()} was not downloaded by this toolkit; tracking is skipped."
    )
    assert len(list(paths.tsv_dir().glob("*.TSV"))) == 80
    assert RawDataVersion.objects.count() == 0


def test_a_damaged_zip_is_refused_and_the_previous_tables_kept(downloaded):
    extract("--keep-files")
    before = paths.tsv_path("RCPT_CD").read_bytes()
    downloaded.write_bytes(EXPORT.read_bytes()[:1_000_000])

    with pytest.raises(CommandError, match=r"is not a readable ZIP archive \(File is not a zip"):
        extract()

    assert paths.tsv_path("RCPT_CD").read_bytes() == before
    assert not downloaded.exists()  # the damaged download is deleted: the next run fetches it
