"""total_raw_data counts tables and rows."""

from __future__ import annotations

import pytest

from calaccess_raw.loading import load_table
from calaccess_raw.loading.totals import total_raw_data

from .load_support import reference_csv, reference_rows

pytestmark = pytest.mark.django_db(transaction=True)


def test_totals_before_and_after_loading(data_dir):
    empty = total_raw_data()
    assert (empty.table_count, empty.record_count, len(empty.empty_tables)) == (80, 0, 80)
    load_table("RcptCd", reference_csv("RCPT_CD"))
    load_table("FilerFilingsCd", reference_csv("FILER_FILINGS_CD"))
    totals = total_raw_data()
    filings = len(reference_rows("FILER_FILINGS_CD"))
    assert totals.records["RCPT_CD"] == 1000
    assert totals.records["FILER_FILINGS_CD"] == filings
    assert totals.record_count == 1000 + filings
    assert len(totals.empty_tables) == 78
    assert list(totals.records)[0] == "ACRONYMS_CD"
