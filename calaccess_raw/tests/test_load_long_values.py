"""Values longer than the ``csv`` module's default field limit (131,072 characters).

The export's memo lines can be long; the limit must not crash the loader, its typing helper or
the verifier on any database. A value longer than its column is logged and stored empty.
"""

from __future__ import annotations

import pytest

from calaccess_raw import paths
from calaccess_raw.cleaning import clean_table
from calaccess_raw.loading import load_table
from calaccess_raw.loading.verify import verify_table
from calaccess_raw.models import TextMemoCd

from .load_support import error_rows, reference_cells

pytestmark = pytest.mark.django_db(transaction=True)

LONG = 200_000  # over the csv module's default limit of 131,072


def test_a_value_over_the_csv_field_limit_is_logged_not_fatal(data_dir):
    header, rows = reference_cells("TEXT_MEMO_CD")
    memo = header.index("TEXT4000")
    rows[0][memo] = "x" * LONG
    tsv = "\r\n".join("\t".join(row) for row in [header, *rows]) + "\r\n"
    paths.tsv_path("TEXT_MEMO_CD").write_bytes(tsv.encode("utf-8"))
    cleaned = clean_table("TEXT_MEMO_CD")
    assert cleaned.clean_rows == len(rows)
    result = load_table(TextMemoCd, paths.csv_path("TEXT_MEMO_CD"))
    assert result.rows == len(rows) == TextMemoCd.objects.count()
    logged = error_rows(result.error_log)
    assert [(row["line"], row["column"], len(row["value"])) for row in logged] == [
        ("2", "TEXT4000", LONG)
    ]
    assert logged[0]["reason"] == "longer than 8000 characters"
    assert verify_table(TextMemoCd).rows == len(rows)
