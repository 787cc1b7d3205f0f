"""Processed models as CSV: one model from the shell, every model with a manifest and a ZIP."""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from calaccess_processed.archiving import ARCHIVED_MODELS, archive_release
from calaccess_processed.models import Form460Filing, ProcessedDataFile, ProcessedDataVersion
from calaccess_processed.ocd.exports import FLAT_EXPORTS

pytestmark = pytest.mark.django_db


def test_one_model_streams_to_csv_with_its_cents(coherent_data, data_dir):
    out = StringIO()
    call_command("archivecalaccessprocessedfile", "form460filing", "--noinput", stdout=out)
    path = data_dir / "processed" / "Form460Filing.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == Form460Filing.objects.count() > 0
    filing = Form460Filing.objects.exclude(ending_cash_balance=None).first()
    row = next(r for r in rows if int(r["filing_id"]) == filing.filing_id)
    assert Decimal(row["ending_cash_balance"]) == filing.ending_cash_balance
    assert hashlib.sha256(path.read_bytes()).hexdigest() in out.getvalue()
    with pytest.raises(CommandError, match="no processed model named 'Nope'"):
        call_command("archivecalaccessprocessedfile", "Nope", "--noinput", stdout=StringIO())


def test_every_model_with_a_manifest_zipped_into_storage(
    coherent_data, data_dir, settings, tmp_path
):
    settings.CALACCESS_STORE_ARCHIVE = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    version = ProcessedDataVersion.objects.get()
    files = archive_release(version)
    manifest = json.loads((data_dir / "processed" / "manifest.json").read_text())
    flat = {export.name for export in FLAT_EXPORTS}
    assert {f["model"] for f in manifest["files"]} == set(ARCHIVED_MODELS) | flat
    for file in files:
        if file.model in flat:  # no scrape in this package's data: no OCD rows
            assert file.row_count == 0, file.model
            continue
        model = ARCHIVED_MODELS[file.model]
        assert file.row_count == model.objects.count(), file.model
    version.refresh_from_db()
    with zipfile.ZipFile(version.archive.path) as archive:
        names = set(archive.namelist())
        assert "manifest.json" in names and "Form460ScheduleAItemVersion.csv" in names
    assert ProcessedDataFile.objects.get(version=version, model_name="Form460Filing").file_size > 0
