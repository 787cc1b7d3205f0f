"""End to end: every table of the reference cleaner's output loads, counts match, values verify."""

from __future__ import annotations

import pytest

from calaccess_raw import paths, schema
from calaccess_raw.loading import load_table
from calaccess_raw.loading.totals import total_raw_data
from calaccess_raw.loading.verify import verify_table
from calaccess_raw.models import get_raw_model

from .load_support import reference_csv, reference_rows, reference_tables

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_every_reference_csv_loads_and_verifies(data_dir):
    with_rows = reference_tables()
    assert len(with_rows) == 76
    loaded = {}
    for table in schema.load().tables:
        if table.name in with_rows:
            path = reference_csv(table.name)
            expected = len(reference_rows(table.name))
        else:  # the export ships these four as empty files
            path = paths.csv_path(table.name)
            path.write_bytes(b"")
            expected = 0
        result = load_table(table.model_name, path)
        assert (result.rows, result.errors, result.skipped_rows) == (expected, 0, 0), table.name
        assert get_raw_model(table.name).objects.count() == expected, table.name
        assert verify_table(table.model_name, path).rows == expected, table.name
        loaded[table.name] = expected
    totals = total_raw_data()
    assert totals.records == loaded
    assert totals.record_count == 62_672
    assert len(totals.empty_tables) == 4
