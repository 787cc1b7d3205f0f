"""``verifycalaccessrawfile``: passes on a faithful load, fails with one line on a difference."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from calaccess_raw.loading import load_table
from calaccess_raw.models import RcptCd
from django_commander.registry import commands

from .load_support import reference_csv

pytestmark = pytest.mark.django_db(transaction=True)


def verify(*args: str) -> str:
    out = StringIO()
    call_command("verifycalaccessrawfile", "--ignore-dependencies", *args, stdout=out)
    return out.getvalue()


def test_verify_command(data_dir):
    load_table(RcptCd, reference_csv("RCPT_CD"))
    assert "RCPT_CD matches its CSV: 1,000 rows of 63 columns." in verify("RcptCd")
    RcptCd.objects.filter(id=RcptCd.objects.order_by("id").first().id).update(amount=None)
    with pytest.raises(CommandError, match="column AMOUNT does not match RCPT_CD.csv"):
        verify("RcptCd")
    with pytest.raises(CommandError, match="line 2 of RCPT_CD.csv, column AMOUNT"):
        verify("RcptCd", "--full")


def test_verify_depends_on_the_load():
    command = commands["verify_raw_file"]("RCPT_CD", app="calaccess_raw")
    assert command.dependency_parameters() == [("load_raw_file", {"model": "RcptCd"})]
