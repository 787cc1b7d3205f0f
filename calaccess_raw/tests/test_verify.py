"""verify_table(full=True) compares every loaded value with the cleaned CSV, naming the first
difference by line and column (the fingerprint comparison: test_verify_fingerprint.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calaccess_raw.loading import RowCountMismatch, ValueMismatch, load_table
from calaccess_raw.loading.verify import verify_table
from calaccess_raw.models import RcptCd

from .load_support import reference_csv, reference_rows, write_csv

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def receipts(data_dir):
    path = reference_csv("RCPT_CD")
    load_table(RcptCd, path)
    return path


def test_a_faithful_load_verifies(receipts):
    result = verify_table("RCPT_CD", full=True)
    assert (result.table, result.rows, result.columns) == ("RCPT_CD", 1000, 63)


def test_a_changed_value_is_caught_with_its_line_and_column(receipts):
    second = RcptCd.objects.order_by("id")[1]
    second.amount = second.amount + Decimal("0.01")
    second.save()
    with pytest.raises(ValueMismatch, match="line 3 of RCPT_CD.csv, column AMOUNT"):
        verify_table(RcptCd, full=True)


def test_a_text_value_changed_to_null_like_blank_is_caught(receipts):
    RcptCd.objects.filter(id=RcptCd.objects.order_by("id")[0].id).update(ctrib_naml="")
    with pytest.raises(ValueMismatch, match="CTRIB_NAML: the file says 'Dunn'"):
        verify_table(RcptCd, full=True)


def test_missing_and_extra_rows_are_caught(receipts):
    last = RcptCd.objects.order_by("-id").first()
    last.delete()
    with pytest.raises(RowCountMismatch, match="holds 999 rows, RCPT_CD.csv 1000"):
        verify_table(RcptCd, full=True)
    load_table(RcptCd, receipts)
    RcptCd.objects.create(filing_id=1)
    with pytest.raises(RowCountMismatch, match="holds 1001 rows, RCPT_CD.csv 1000"):
        verify_table(RcptCd, full=True)


def test_values_the_loader_logged_verify_as_empty(data_dir):
    rows = reference_rows("RCPT_CD")
    header = list(rows[0])
    rows[0]["AMOUNT"] = "two hundred fifty"
    path = write_csv(data_dir / "receipts.csv", header, [list(row.values()) for row in rows])
    assert load_table(RcptCd, path).errors == 1
    assert verify_table(RcptCd, path, full=True).rows == 1000
