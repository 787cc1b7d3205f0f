"""Reruns, failures, interruptions and refusals of the processing commands."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django.utils import timezone

from calaccess_processed import specs
from calaccess_processed.models import (
    PROCESSED_MODELS,
    Form460Filing,
    Form460ScheduleAItem,
    ProcessedDataVersion,
    SkippedRawRow,
)
from calaccess_processed.transforming import (
    statements,
    transform_form,
)
from calaccess_raw.models import RawDataVersion
from django_commander.models import CommandLog

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    counts = {name: model.objects.count() for name, model in PROCESSED_MODELS.items()}
    counts["skipped"] = SkippedRawRow.objects.count()
    return counts


def process(*args: str) -> str:
    out = StringIO()
    call_command("processcalaccessdata", "--noinput", *args, stdout=out)
    return out.getvalue()


def test_a_rerun_is_idempotent(coherent_data):
    before = _counts()
    sums = list(Form460Filing.objects.values_list("filing_id", "ending_cash_balance"))
    transform_form("F460", ProcessedDataVersion.objects.get())
    assert _counts() == before
    assert list(Form460Filing.objects.values_list("filing_id", "ending_cash_balance")) == sums


def test_forms_done_for_the_release_are_skipped_unless_forced(coherent_data):
    out = StringIO()
    call_command("loadcalaccessfilingform", "F460", "--noinput", stdout=out)
    assert "already processed" in out.getvalue()
    out = StringIO()
    call_command("loadcalaccessfilingform", "f460", "--noinput", "--force-restart", stdout=out)
    models = 2 * len(specs.load().form("F460").models)  # each declaration: Version + latest
    assert models == 34  # cover, 3 schedule summaries, 13 item schedules (2 in the old layout)
    assert "F460:" in out.getvalue() and f"rows into {models} models" in out.getvalue()


def test_a_failed_form_leaves_the_previous_data_in_place(coherent_data, monkeypatch):
    before = _counts()
    latest = Form460ScheduleAItem.objects.count()

    def broken(self, model):
        return statements.Statement("INSERT INTO no_such_table SELECT 1")

    monkeypatch.setattr(statements.FormStatements, "insert_latest_items", broken)
    with pytest.raises(DatabaseError):
        transform_form("F460", ProcessedDataVersion.objects.get())
    assert _counts() == before
    assert Form460ScheduleAItem.objects.count() == latest > 0


def test_an_interrupted_run_resumes_at_the_form_where_it_stopped(
    coherent_data, monkeypatch, data_dir
):
    real = statements.FormStatements.insert_filing_versions

    def fails_on_497(self):
        if self.form.id == "F497":
            raise RuntimeError("power cut while processing F497")
        return real(self)

    monkeypatch.setattr(statements.FormStatements, "insert_filing_versions", fails_on_497)
    with pytest.raises(CommandError, match="power cut"):
        process("--force-restart")
    monkeypatch.setattr(statements.FormStatements, "insert_filing_versions", real)
    started = timezone.now()
    output = process()
    assert "Resuming" in output
    redone = CommandLog.objects.filter(
        command__name="load_filing_form", status="success", start_time__gte=started
    )
    assert sorted(json.loads(log.command.parameters)["form"] for log in redone) == ["F497", "F501"]
    assert ProcessedDataVersion.objects.get().completed


def test_a_stalled_raw_update_is_refused(coherent_data, data_dir):
    raw = RawDataVersion.objects.get()
    long_ago = timezone.now() - timedelta(days=2)
    for field in raw._meta.get_fields():
        if field.name.endswith(("_start_datetime", "_finish_datetime")):
            setattr(raw, field.name, long_ago)
    raw.update_finish_datetime = None
    raw.save()
    RawDataVersion.objects.exclude(pk=raw.pk).delete()
    with pytest.raises(CommandError, match="stalled") as raised:
        process()
    assert "\n" not in str(raised.value)


def test_an_attempt_on_an_older_raw_release_is_not_resumed(coherent_data, monkeypatch, data_dir):
    real = statements.FormStatements.insert_filing_versions

    def fails_on_497(self):
        if self.form.id == "F497":
            raise RuntimeError("power cut while processing F497")
        return real(self)

    monkeypatch.setattr(statements.FormStatements, "insert_filing_versions", fails_on_497)
    with pytest.raises(CommandError, match="power cut"):
        call_command("loadcalaccessfilings", "--noinput", "--force-restart", stdout=StringIO())
    monkeypatch.setattr(statements.FormStatements, "insert_filing_versions", real)
    # The next night the state published a new raw release, loaded whole.
    newer = RawDataVersion.objects.get()
    newer.pk, newer.release_datetime = None, newer.release_datetime + timedelta(days=1)
    newer.save()
    started = timezone.now()
    out = StringIO()
    call_command("loadcalaccessfilings", "--noinput", stdout=out)
    assert "Resuming" not in out.getvalue()
    redone = CommandLog.objects.filter(
        command__name="load_filing_form", status="success", start_time__gte=started
    )
    assert len(redone) == len(specs.load().forms), "no form of the older release counted"
    processed = ProcessedDataVersion.objects.get(raw_release_datetime=newer.release_datetime)
    assert processed.completed
