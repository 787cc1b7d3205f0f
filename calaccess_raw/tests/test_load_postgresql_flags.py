"""Yes/no flags in integer columns load by the typing rules on every database.

PostgreSQL's COPY reads them once the loader has rewritten them as numbers
(:mod:`calaccess_raw.loading.flags`) and falls back to Python typing only for values that are
neither numbers nor flags; the other databases always type them in Python. The stored values
and logged errors must be the same everywhere.
"""

from __future__ import annotations

import pytest
from django.db import connection

from calaccess_raw.loading import load_table
from calaccess_raw.loading.errorlog import ErrorLog
from calaccess_raw.loading.rows import TypedRows
from calaccess_raw.models import CvrCampaignDisclosureCd
from calaccess_raw.values.rules import canonical

from .load_support import HELPER_METHODS, error_rows, reference_csv, reference_rows, write_csv

pytestmark = pytest.mark.django_db(transaction=True)

#: How each database loads a file whose integer columns hold only numbers, flags and blanks.
FLAG_METHOD = {"postgresql": "flags", **HELPER_METHODS}
#: How each database loads a file holding a value it must log.
LOGGING_METHOD = {"postgresql": "typed", **HELPER_METHODS}

#: The integer columns of the table where the export writes flags.
FLAGGED = ["CONTROL_YN", "SPONSOR_YN"]


def _flag_file(data_dir, spellings: list[list[str]]):
    """The first reference rows with ``spellings`` in the flag columns, one list per row."""
    rows = reference_rows("CVR_CAMPAIGN_DISCLOSURE_CD")[: len(spellings)]
    header = list(rows[0])
    for row, values in zip(rows, spellings, strict=True):
        row.update(zip(FLAGGED, values, strict=True))
    path = data_dir / "flags.csv"
    return write_csv(path, header, [[row[column] for column in header] for row in rows]), rows


def _stored_flags(rows) -> list[tuple]:
    ids = [int(row["FILING_ID"]) for row in rows]
    stored = {
        values[0]: values[1:]
        for values in CvrCampaignDisclosureCd.objects.filter(filing_id__in=ids).values_list(
            "filing_id", "control_yn", "sponsor_yn"
        )
    }
    return [stored[filing_id] for filing_id in ids]


def test_every_spelling_of_a_flag_loads_without_errors(data_dir):
    path, rows = _flag_file(
        data_dir,
        [["Y", "y"], ["X", "x"], ["N", "n"], [" N ", "\tY"]]
        + [["", "   "], ["12", " 7 "], ["0", "-3"]],
    )
    result = load_table(CvrCampaignDisclosureCd, path)
    assert (result.rows, result.errors, result.error_log) == (7, 0, None)
    assert result.method == FLAG_METHOD[connection.vendor]
    assert _stored_flags(rows) == [(1, 1), (1, 1), (0, 0), (0, 1), (None, None), (12, 7), (0, -3)]


def test_a_value_neither_number_nor_flag_is_logged_and_stored_null(data_dir):
    path, rows = _flag_file(data_dir, [["Y", "N"], ["7Q", "Y"], ["X", "2147483648"], ["", "n"]])
    result = load_table(CvrCampaignDisclosureCd, path)
    assert (result.rows, result.errors) == (4, 2)
    assert result.method == LOGGING_METHOD[connection.vendor]
    assert _stored_flags(rows) == [(1, 0), (None, 1), (1, None), (None, 0)]
    logged = [
        (row["file"], row["line"], row["column"], row["value"], row["reason"])
        for row in error_rows(result.error_log)
    ]
    assert logged == [
        ("flags.csv", "3", "CONTROL_YN", "7Q", "not an integer"),
        ("flags.csv", "4", "SPONSOR_YN", "2147483648", "integer out of range"),
    ]


def test_real_flagged_table_stores_what_python_typing_gives(data_dir):
    path = reference_csv("CVR_CAMPAIGN_DISCLOSURE_CD")
    result = load_table(CvrCampaignDisclosureCd, path)
    assert (result.rows, result.errors) == (1000, 0)
    assert result.method == FLAG_METHOD[connection.vendor]

    fields = CvrCampaignDisclosureCd.schema.fields
    with ErrorLog(None, path.name) as log:
        expected = [
            tuple(canonical(field, value) for field, value in zip(fields, row, strict=True))
            for row in TypedRows(path, fields, log)
        ]
        assert log.count == 0
    names = [CvrCampaignDisclosureCd._meta.get_field(field.name).attname for field in fields]
    stored = list(CvrCampaignDisclosureCd.objects.order_by("id").values_list(*names))
    assert stored == expected
    assert sum(row[names.index("control_yn")] == 1 for row in stored) > 0
