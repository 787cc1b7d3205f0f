"""Misuse of the raw commands on the shell gets a one-line answer and exit code 2 (usage)."""

from __future__ import annotations

import pytest

from calaccess_raw.cleaning import UnknownTableName
from calaccess_toolkit.errors import EXIT_USAGE
from calaccess_toolkit.testing.subprocess import run_manage
from django_commander.registry import commands

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_table_name_outside_the_schema_touches_no_file(data_dir):
    evil = data_dir / "EVIL"
    evil.mkdir()
    (evil / "X.TSV").write_bytes(b"A\tB\r\n1\t2\r\n")
    done = run_manage("cleancalaccessrawfile", "../EVIL/X", stdin="y\n")
    assert done.returncode == EXIT_USAGE
    assert "'../EVIL/X' is not a table of the CAL-ACCESS export" in done.stderr
    assert "Traceback" not in done.stderr and "depends on" not in done.stdout
    assert (evil / "X.TSV").read_bytes() == b"A\tB\r\n1\t2\r\n"
    assert sorted(path.name for path in evil.iterdir()) == ["X.TSV"]


def test_programmatic_callers_get_a_usage_error():
    with pytest.raises(UnknownTableName) as raised:
        commands["clean_raw_file"]("../EVIL/X")
    assert raised.value.exit_code == EXIT_USAGE


def test_an_unknown_app_is_refused_before_the_download(small_server):
    done = run_manage(
        "updatecalaccessrawdata",
        "--noinput",
        "-a",
        "UNKNOWN_APP",
        env={"CALACCESS_DOWNLOAD_URL": small_server.url + "/dbwebexport.zip"},
    )
    assert done.returncode == EXIT_USAGE
    assert done.stderr.strip() == "CommandError: no installed app 'UNKNOWN_APP'"
    assert not small_server.requests_for("/dbwebexport.zip", "HEAD")
    assert not small_server.requests_for("/dbwebexport.zip", "GET")
