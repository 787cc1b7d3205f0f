"""``totalcalaccessrawdata`` prints the table and row counts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from calaccess_raw.loading import load_table

from .load_support import reference_csv

pytestmark = pytest.mark.django_db(transaction=True)


def test_total_command(data_dir):
    load_table("RcptCd", reference_csv("RCPT_CD"))
    out = StringIO()
    call_command("totalcalaccessrawdata", "--verbosity", "2", stdout=out)
    output = out.getvalue()
    assert "RCPT_CD: 1,000" in output
    assert "ACRONYMS_CD: 0" in output
    assert output.rstrip().endswith("80 tables, 1,000 rows (79 tables empty).")
