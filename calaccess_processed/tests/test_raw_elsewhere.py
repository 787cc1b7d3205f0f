"""Raw tables in a database of their own (``CALACCESS_RAW_DATABASE``), against a real second
database: on one MySQL/MariaDB server processing reads them as ``database.table``; a PostgreSQL
or SQLite database of their own is refused in one line, exit code 2.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.utils import load_backend
from django.test import override_settings
from django.utils import timezone

from calaccess_processed import specs
from calaccess_processed.models import (
    Form460FilingVersion,
    Form460ScheduleAItemVersion,
    ProcessedDataVersion,
    SkippedRawRow,
)
from calaccess_processed.transforming import RawDataElsewhere, account_unrouted, transform_form
from calaccess_raw.models import RcptCd, get_raw_model
from calaccess_toolkit.errors import EXIT_USAGE

from . import handmade

pytestmark = pytest.mark.django_db
ALIAS = "raw_elsewhere"
ELSEWHERE, FILER = 99_000_040, 9_990_004
ROUTED = {
    "CALACCESS_RAW_DATABASE": ALIAS,
    "DATABASE_ROUTERS": ["calaccess_raw.routers.RawDataRouter"],
}


@contextmanager
def _registered(settings: dict) -> Iterator[str]:
    """The second database as the alias ``raw_elsewhere`` for the block. In the test it is never
    connected to: processing reads the raw tables through the processed tables' connection."""
    connections.databases[ALIAS] = connections.configure_settings({DEFAULT_DB_ALIAS: settings})[
        DEFAULT_DB_ALIAS
    ]
    try:
        yield ALIAS
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.databases[ALIAS]


def _on_server(settings: dict, sql: str) -> None:
    """CREATE or DROP DATABASE on the test database's server, outside any database."""
    outside = "postgres" if connection.vendor == "postgresql" else ""
    server = load_backend(settings["ENGINE"]).DatabaseWrapper(
        {**settings, "NAME": outside}, "raw_elsewhere_server"
    )
    try:
        server.set_autocommit(True)
        with server.cursor() as cursor:
            cursor.execute(sql)
    finally:
        server.close()


@pytest.fixture(scope="module")
def raw_database(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[dict]:
    """The settings of a second real database with the raw tables processing reads and a
    hand-made Form 460 in them: on a server, created beside the test database and dropped
    afterwards; on SQLite, a file of its own. Its rows are committed, as a raw update would
    leave them, so the test's own connection reads them."""
    default = connections[DEFAULT_DB_ALIAS].settings_dict
    settings = dict(default)
    quoted = connection.ops.quote_name(f"{default['NAME']}_raw_elsewhere")
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            settings["NAME"] = str(tmp_path_factory.mktemp("raw-elsewhere") / "raw.sqlite3")
        else:
            settings["NAME"] = f"{default['NAME']}_raw_elsewhere"
            _on_server(default, f"DROP DATABASE IF EXISTS {quoted}")
            _on_server(default, f"CREATE DATABASE {quoted}")
        tables = {*specs.load().source_tables(), specs.SUMMARY_TABLE, specs.FILER_XREF_TABLE}
        try:
            with _registered(settings), override_settings(**ROUTED):
                with connections[ALIAS].schema_editor() as editor:
                    for table in sorted(tables):
                        editor.create_model(get_raw_model(table))
                handmade.cover("F460", ELSEWHERE, 0, FILER, date(2024, 1, 1), date(2024, 6, 30))
                handmade.contribution(ELSEWHERE, 0, 1, "E1", "12.34")
                RcptCd.objects.create(
                    id=990_900_001, filing_id=ELSEWHERE, amend_id=0, line_item=2, form_type="E530"
                )
                assert RcptCd.objects.using(ALIAS).filter(filing_id=ELSEWHERE).count() == 2
            yield settings
        finally:
            if connection.vendor != "sqlite":
                _on_server(default, f"DROP DATABASE IF EXISTS {quoted}")


def test_raw_tables_of_another_database_are_read_on_one_mysql_server_else_refused(raw_database):
    version = ProcessedDataVersion.objects.create(raw_release_datetime=timezone.now())
    assert not RcptCd.objects.filter(filing_id=ELSEWHERE).exists()  # not in the default one
    with _registered(raw_database), override_settings(**ROUTED):
        if connection.vendor != "mysql":
            with pytest.raises(RawDataElsewhere) as refused:
                transform_form("F460", version)
            assert refused.value.exit_code == EXIT_USAGE
            message = str(refused.value)
            assert "\n" not in message
            assert f"is in the database {ALIAS!r}" in message
            assert "keep both in one database" in message
            return
        result = transform_form("F460", version)
        unrouted = account_unrouted(version)
    assert list(Form460FilingVersion.objects.values_list("filing_id", "filer_internal_id")) == [
        (ELSEWHERE, FILER)
    ]
    item = Form460ScheduleAItemVersion.objects.get()
    assert (item.transaction_id, item.amount) == ("E1", Decimal("12.34"))
    assert result.rows["Form460ScheduleAItemVersion"] == 1
    assert unrouted == 1
    assert SkippedRawRow.objects.get(version=version, model_name="").raw_row_id == 990_900_001
