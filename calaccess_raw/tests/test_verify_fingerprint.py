"""verify_table's fingerprints catch each kind of damage a load could do, naming the column.

A real table (S496_CD: integers, text, a decimal, dates) is loaded, then damaged by SQL behind the
loader's back; the fingerprint comparison must fail, while the untouched table passes. Each case
runs twice: with the fingerprint the load saved (where it typed the rows), and with the CSV
typed again (the saved fingerprint removed).
"""

from __future__ import annotations

import hashlib

import pytest
from django.db import connections, router

from calaccess_raw import paths
from calaccess_raw.loading import RowCountMismatch, ValueMismatch, load_table, resolve_model
from calaccess_raw.loading.fingerprint import CHUNK_ROWS, SEPARATOR, TableSums
from calaccess_raw.loading.sidecar import saved, sidecar_path
from calaccess_raw.loading.verify import expected_fingerprint, verify_table

from .load_support import reference_cells, reference_csv, write_csv

pytestmark = pytest.mark.django_db(transaction=True)

TABLE = "S496_CD"
MODEL = resolve_model(TABLE)
#: How a NOT NULL text column is made NULL-able, and back, where typed columns refuse ''.
NULLABILITY = {
    "postgresql": (
        "ALTER TABLE {0} ALTER COLUMN {1} DROP NOT NULL",
        "ALTER TABLE {0} ALTER COLUMN {1} SET NOT NULL",
    ),
    "mysql": (
        "ALTER TABLE {0} MODIFY {1} varchar(10) NULL",
        "ALTER TABLE {0} MODIFY {1} varchar(10) NOT NULL",
    ),
}


@pytest.fixture(params=["saved", "typed again"])
def loaded(request, data_dir):
    path = reference_csv(TABLE)
    load_table(MODEL, path)
    if request.param == "typed again":
        sidecar_path(path).unlink(missing_ok=True)
    connection = connections[router.db_for_write(MODEL)]
    ids = list(MODEL.objects.order_by("id").values_list("id", flat=True)[:3])
    return connection, ids


def execute(connection, sql: str, *names: str) -> None:
    """Run ``sql`` with ``{0}``, ``{1}``… replaced by the quoted ``names`` (the table first)."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(sql.format(quote(TABLE), *map(quote, names)))


def test_an_untouched_table_verifies(loaded):
    result = verify_table(TABLE)
    assert (result.table, result.rows, result.columns) == ("S496_CD", 998, 12)


def test_one_changed_text_of_the_same_length_is_caught(loaded):
    connection, ids = loaded
    assert MODEL.objects.get(id=ids[1]).expn_dscr == "CONSULTING"
    execute(connection, f"UPDATE {{0}} SET {{1}} = LOWER({{1}}) WHERE id = {ids[1]}", "EXPN_DSCR")
    with pytest.raises(
        ValueMismatch, match="column EXPN_DSCR does not match S496_CD.csv: checksum"
    ):
        verify_table(TABLE)


def test_one_changed_number_is_caught(loaded):
    connection, ids = loaded
    execute(connection, f"UPDATE {{0}} SET {{1}} = {{1}} + 1 WHERE id = {ids[0]}", "AMEND_ID")
    with pytest.raises(
        ValueMismatch, match="column AMEND_ID .*: total 258 in the file, 259 in the database"
    ):
        verify_table(TABLE)


def test_an_empty_string_stored_for_null_is_caught(loaded):
    """Typed columns are NULL where blank: SQLite stores '' in a date column if told to. The
    other databases refuse '' there; their NOT NULL text columns, made NULL-able, take NULL for
    the file's ''."""
    connection, ids = loaded
    if connection.vendor == "sqlite":
        execute(connection, f"UPDATE {{0}} SET {{1}} = '' WHERE id = {ids[0]}", "DATE_THRU")
        with pytest.raises(
            ValueMismatch,
            match="column DATE_THRU .*: non-NULL values 45 in the file, 46 in the database",
        ):
            verify_table(TABLE)
        return
    nullable, not_null = NULLABILITY[connection.vendor]
    execute(connection, nullable, "MEMO_CODE")
    try:
        execute(connection, f"UPDATE {{0}} SET {{1}} = NULL WHERE id = {ids[0]}", "MEMO_CODE")
        with pytest.raises(ValueMismatch, match="column MEMO_CODE .*: non-NULL values 998 in the"):
            verify_table(TABLE)
    finally:
        execute(connection, "UPDATE {0} SET {1} = '' WHERE {1} IS NULL", "MEMO_CODE")
        execute(connection, not_null, "MEMO_CODE")


def test_a_dropped_row_is_caught(loaded):
    connection, ids = loaded
    execute(connection, f"DELETE FROM {{0}} WHERE id = {ids[2]}")
    with pytest.raises(RowCountMismatch, match="holds 997 rows, S496_CD.csv 998"):
        verify_table(TABLE)


def test_a_duplicated_row_is_caught(loaded):
    connection, ids = loaded
    columns = ", ".join(map(connection.ops.quote_name, MODEL.schema.columns))
    execute(
        connection, f"INSERT INTO {{0}} ({columns}) SELECT {columns} FROM {{0}} WHERE id = {ids[2]}"
    )
    with pytest.raises(RowCountMismatch, match="holds 999 rows, S496_CD.csv 998"):
        verify_table(TABLE)


def test_a_row_replaced_by_a_copy_of_another_is_caught(loaded):
    """The row count holds; the first column whose values differ is named."""
    connection, ids = loaded
    columns = ", ".join(map(connection.ops.quote_name, MODEL.schema.columns))
    execute(connection, f"DELETE FROM {{0}} WHERE id = {ids[2]}")
    execute(
        connection, f"INSERT INTO {{0}} ({columns}) SELECT {columns} FROM {{0}} WHERE id = {ids[1]}"
    )
    with pytest.raises(ValueMismatch, match="column FILING_ID .*: total"):
        verify_table(TABLE)


def test_a_text_cut_short_is_caught(loaded):
    connection, ids = loaded
    execute(
        connection, f"UPDATE {{0}} SET {{1}} = SUBSTR({{1}}, 1, 6) WHERE id = {ids[0]}", "EXPN_DSCR"
    )
    with pytest.raises(ValueMismatch, match="column EXPN_DSCR .*: total"):
        verify_table(TABLE)


def test_a_rounded_decimal_is_caught(loaded):
    connection, ids = loaded
    assert str(MODEL.objects.get(id=ids[2]).amount) == "31875.93"
    execute(connection, f"UPDATE {{0}} SET {{1}} = ROUND({{1}}) WHERE id = {ids[2]}", "AMOUNT")
    with pytest.raises(ValueMismatch, match="column AMOUNT .*: total .*, .* in the database"):
        verify_table(TABLE)


def test_the_full_comparison_names_the_line(loaded):
    connection, ids = loaded
    execute(connection, f"UPDATE {{0}} SET {{1}} = ROUND({{1}}) WHERE id = {ids[2]}", "AMOUNT")
    with pytest.raises(ValueMismatch, match="line 4 of S496_CD.csv, column AMOUNT"):
        verify_table(TABLE, full=True)


def test_every_load_saves_the_fingerprint_of_its_file(data_dir):
    """Where the load types in Python the helper sums up what it streamed; where PostgreSQL
    COPYs the file as it is, a helper sums up the file alongside. Either way: the file's own."""
    path = reference_csv(TABLE)
    load_table(MODEL, path)
    fingerprint = saved(path, MODEL.schema.columns)
    assert fingerprint == expected_fingerprint(path, MODEL.schema.fields)
    assert fingerprint.rows == 998
    amount = fingerprint.columns[MODEL.schema.columns.index("AMOUNT")]
    assert (amount.column, amount.values) == ("AMOUNT", 997)  # one blank


def test_a_changed_csv_is_judged_by_its_own_rows_not_the_saved_fingerprint(data_dir):
    load_table(MODEL, reference_csv(TABLE))
    header, rows = reference_cells(TABLE)
    rows[1][header.index("TRAN_ID")] = "EDT326"  # was EDT325: same length
    write_csv(paths.csv_path(TABLE), header, rows)
    with pytest.raises(ValueMismatch, match="column TRAN_ID .*: checksum"):
        verify_table(TABLE)


def test_a_text_column_longer_than_mysqls_packet_verifies(data_dir):
    """MariaDB cuts a ``GROUP_CONCAT`` at ``max_allowed_packet`` (16 MB by default): a whole
    column's digest of the full export never matched there (and PostgreSQL and SQLite held the
    whole column in memory). The runs of CHUNK_ROWS rows stay far under it, on every database.
    Real memo rows, their texts lengthened to 3,000 characters, more in all than the server's
    packet holds on MySQL (and a last run shorter than the others), with ids that do not start
    at 1; then one changed character is still caught, naming the column."""
    model = resolve_model("TEXT_MEMO_CD")
    connection = connections[router.db_for_write(model)]
    count = 5500
    if connection.vendor == "mysql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT @@max_allowed_packet")
            count = max(count, cursor.fetchone()[0] // 3000 + 501)
    header, rows = reference_cells("TEXT_MEMO_CD")
    text = header.index("TEXT4000")
    copies = [list(rows[number % len(rows)]) for number in range(count)]
    for number, row in enumerate(copies):
        row[text] = (f"{number:06d} {row[text]} " * 200)[:3000]
    path = write_csv(paths.csv_path("TEXT_MEMO_CD"), header, copies)
    load_table("TEXT_MEMO_CD", path)
    assert verify_table("TEXT_MEMO_CD").rows == count
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:  # the runs are counted in rows, whatever the ids
        cursor.execute(f"UPDATE {quote('TEXT_MEMO_CD')} SET id = id + 1000500")
    assert verify_table("TEXT_MEMO_CD").rows == count
    last = model.objects.order_by("-id").values_list("id", flat=True).first()
    assert last == count + 1000500
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote('TEXT_MEMO_CD')} SET {quote('TEXT4000')} = "
            f"REPLACE({quote('TEXT4000')}, '{count - 1:06d}', '{count - 2:06d}') WHERE id = %s",
            [last],
        )
    with pytest.raises(ValueMismatch, match="column TEXT4000 does not match .*: checksum"):
        verify_table("TEXT_MEMO_CD")


def test_the_run_digest_does_not_depend_on_how_the_rows_are_batched():
    """Batches shorter than a run (a malformed row skipped) or spanning two runs give the digest
    of runs of exactly CHUNK_ROWS values, each joined by the separator."""
    header, rows = reference_cells(TABLE)
    field = MODEL.schema.field("EXPN_DSCR")
    values = [row[header.index("EXPN_DSCR")] for row in rows] * 3  # 2,994 real texts
    runs = [values[start : start + CHUNK_ROWS] for start in range(0, len(values), CHUNK_ROWS)]
    wanted = hashlib.md5(
        b"".join(hashlib.md5(SEPARATOR.join(run).encode()).hexdigest().encode() for run in runs)
    ).hexdigest()
    for sizes in ([1000, 1000, 994], [999, 1, 1500, 494], [2994], [7] * 427 + [5]):
        sums = TableSums((field,))
        start = 0
        for size in sizes:
            sums.add([values[start : start + size]])
            start += size
        column = sums.fingerprint().columns[0]
        assert column.digest == wanted, sizes
        assert column.values == 2994
