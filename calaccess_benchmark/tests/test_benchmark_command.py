"""``benchmarkcalaccessrawdata`` end to end at one tiny size, on SQLite and on the test's database.

No timing is asserted: the figures must exist and be positive, and every row generated must be
cleaned, loaded, updated, processed into filings and (on PostgreSQL) copied back by the floor.
One size only (``--growth 1``): each size costs a whole update per database; the flat-memory
targets a second size would judge are checked on figures in test_benchmark_figures.
"""

from __future__ import annotations

import json
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from calaccess_benchmark.databases import scratch_database
from calaccess_benchmark.errors import ScratchDatabaseExists
from calaccess_benchmark.generation import DEFAULT_MIX, share_rows
from calaccess_benchmark.stages import processing_tables
from calaccess_processed import specs
from calaccess_raw import schema

pytestmark = pytest.mark.django_db

ROWS = 1000


def printed_as(text: str, seconds: float) -> bool:
    """Whether the table's two-decimal ``text`` shows ``seconds``, which the JSON keeps to four
    decimals: rounding those again may land a cent away from the table's rounding of the
    measured value."""
    return abs(float(text) - seconds) <= 0.005 + 1e-9


@pytest.fixture
def temp_dir(tmp_path, monkeypatch) -> Path:
    """The system temporary folder the benchmark generates its export in, for this test only."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def databases() -> list[str]:
    """SQLite always; the test's own database too when it is a server."""
    return list(dict.fromkeys(["sqlite", connection.vendor]))


def scratch_name() -> str:
    return f"{connection.settings_dict['NAME']}_benchmark"


def server_has_database(name: str) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        else:
            cursor.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name=%s", [name])
        return cursor.fetchone() is not None


def benchmark(*args: str) -> str:
    out = StringIO()
    call_command("benchmarkcalaccessrawdata", "--noinput", *args, stdout=out)
    return out.getvalue()


def test_a_tiny_benchmark_accounts_for_every_row_and_reports_positive_figures(tmp_path, temp_dir):
    figures_path = tmp_path / "figures.json"
    output = benchmark(
        *("--rows", str(ROWS), "--growth", "1", "--databases", ",".join(databases())),
        *("--json", str(figures_path), "--filings"),
    )
    figures = json.loads(figures_path.read_text())

    assert (figures["rows"], figures["growth"], figures["repeat"]) == (ROWS, 1, 1)
    sizes = [ROWS]
    assert [generated["rows"] for generated in figures["generated"]] == sizes
    shares = {size: share_rows(size, DEFAULT_MIX) for size in sizes}
    for generated in figures["generated"]:
        tables = {table["table"]: table for table in generated["tables"]}
        assert {name: table["rows"] for name, table in tables.items()} == shares[generated["rows"]]
        assert tables["RCPT_CD"]["renumbered_column"] == "FILING_ID"
        assert all(table["bytes"] > 0 for table in tables.values())

    runs = figures["runs"]
    assert [(run["database"], run["rows"]) for run in runs] == [
        (vendor, size) for size in sizes for vendor in databases()
    ]
    for run in runs:
        expected = shares[run["rows"]]
        clean, load = run["clean"], run["load"]
        assert {table["table"]: table["rows"] for table in clean["tables"]} == expected
        assert {table["table"]: table["stored_rows"] for table in load["tables"]} == expected
        assert clean["rows"] == load["rows"] == run["rows"]
        for stage in (clean, load, run["clean_and_load"]):
            assert stage["seconds"] > 0
            assert stage["rows_per_second"] > 0
            assert stage["peak_mb"] > 0
        assert clean["peak_mb"] >= clean["startup_mb"] > 0
        if run["database"] == "sqlite":  # as the update command: clean, then load
            assert load["wall_seconds"] is None
            assert run["clean_and_load"]["seconds"] == pytest.approx(
                clean["seconds"] + load["seconds"], abs=0.001
            )
        else:  # each table cleaned while the one before it loads, in the update's order
            assert [table["table"] for table in load["tables"]] == sorted(expected)
            assert run["clean_and_load"]["seconds"] == load["wall_seconds"] >= load["seconds"]
        if run["database"] == "postgresql":
            floor = run["floor"]
            assert {table["table"]: table["rows"] for table in floor["tables"]} == expected
            assert floor["seconds"] > 0
            assert run["floor_ratio"] > 0
        else:
            assert run["floor"] is None and run["floor_ratio"] is None

    updates = figures["updates"]
    assert [(update["database"], update["generated_rows"]) for update in updates] == [
        (vendor, size) for size in sizes for vendor in databases()
    ]
    for update in updates:
        # Every table of the export: the generated ones and the sample's others, as they are.
        assert update["rows"] > update["generated_rows"]
        assert update["seconds"] > 0 and update["rows_per_second"] > 0
        assert update["process_peak_mb"] > 0
        steps = update["steps"]
        assert steps["update_raw_data"]["runs"] == 1
        assert steps["download_raw_data"]["runs"] == steps["extract_raw_files"]["runs"] == 1
        table_count = len(schema.load().tables)
        for command in ("clean_raw_file", "load_raw_file", "verify_raw_file"):
            assert steps[command]["runs"] == table_count
            assert steps[command]["seconds"] > 0
        assert update["seconds"] >= steps["update_raw_data"]["seconds"]
        if update["database"] == "postgresql":
            assert len(update["floor"]["tables"]) == table_count
            assert update["floor"]["rows"] == update["rows"]
            assert update["floor_ratio"] > 0
        else:
            assert update["floor"] is None and update["floor_ratio"] is None
        # --filings: every form, the unrouted rows and the totals, over the raw tables the update
        # loaded: the generated ones it reads, and the sample's others as they are.
        process = update["process"]
        steps = [step["table"] for step in process["tables"]]
        assert steps == [*(form.id for form in specs.load().forms), "unrouted", "totals"]
        loaded = update["tables"]
        assert sum(loaded.values()) == update["rows"]
        for table, rows in shares[update["generated_rows"]].items():
            assert loaded[table] == rows
        read = processing_tables()
        assert {"CVR_CAMPAIGN_DISCLOSURE_CD", "RCPT_CD", "SMRY_CD", "FILER_XREF_CD"} <= set(read)
        assert process["rows"] == sum(loaded[table] for table in read)
        assert process["seconds"] > 0 and process["peak_mb"] > 0
        assert sum(step["rows"] for step in process["tables"]) > 0
        assert update["process_ratio"] == pytest.approx(
            process["seconds"] / update["seconds"], abs=0.001
        )

    targets = {target["target"]: target["met"] for target in figures["targets"]}
    assert isinstance(targets["SQLite whole update at least 150,000 rows/s"], bool)
    assert isinstance(targets["Peak memory of every process under 300 MB"], bool)
    assert targets["Peak memory flat as the input grows 1x"] is None  # one size
    assert isinstance(targets["PostgreSQL whole update within 1.0x of the COPY floor"], bool) is (
        connection.vendor == "postgresql"
    )
    assert isinstance(targets["MariaDB whole update at least 150,000 rows/s"], bool) is (
        connection.vendor == "mysql"
    )
    for name in (
        "PostgreSQL filings processing no longer than the raw update of the same run",
        "PostgreSQL processing peak memory under 300 MB",
    ):
        assert isinstance(targets[name], bool) is (connection.vendor == "postgresql")
    assert targets["PostgreSQL processing peak memory flat as the input grows 1x"] is None

    lines = output.splitlines()
    header = next(line for line in lines if line.startswith("database"))
    assert "clean+load rows/s" in header and "ratio" in header
    headline = next(line for line in lines if line.startswith("update "))
    assert "rows/s" in headline and "verify" in headline
    assert lines.index(headline) < lines.index(header)  # the whole update first
    processing = next(line for line in lines if line.startswith("processing "))
    assert "processing / raw update" in processing
    assert lines.index(headline) < lines.index(processing) < lines.index(header)
    for update in updates:  # beside the update of the same run: its rows and seconds
        assert any(
            line.split()[:2] == [update["database"], f"{update['rows']:,}"]
            and printed_as(line.split()[2], update["seconds"])
            and printed_as(line.split()[3], update["process"]["seconds"])
            for line in lines[lines.index(processing) :]
        )
    for update in updates:
        assert any(
            line.split()[:2] == [update["database"], f"{update['rows']:,}"] for line in lines
        )
    for run in runs:
        assert any(line.split()[:2] == [run["database"], f"{run['rows']:,}"] for line in lines)
    assert f"Wrote the figures to {figures_path}." in lines
    assert list(temp_dir.iterdir()) == []  # the generated export is gone
    if connection.vendor != "sqlite":
        assert not server_has_database(scratch_name())


def test_tables_can_be_chosen_and_share_the_rows_equally(tmp_path, temp_dir):
    figures_path = tmp_path / "figures.json"
    benchmark(
        *("--rows", "301", "--growth", "1", "--tables", "smry_cd,FILERS_CD", "--databases"),
        *("sqlite", "--json", str(figures_path)),
    )
    figures = json.loads(figures_path.read_text())
    (generated,) = figures["generated"]
    assert [(table["table"], table["rows"]) for table in generated["tables"]] in (
        [("SMRY_CD", 151), ("FILERS_CD", 150)],
        [("SMRY_CD", 150), ("FILERS_CD", 151)],
    )
    (run,) = figures["runs"]
    assert run["load"]["rows"] == 301
    targets = {target["target"]: target["met"] for target in figures["targets"]}
    assert targets["Peak memory flat as the input grows 1x"] is None
    (update,) = figures["updates"]
    assert update["generated_rows"] == 301


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--tables", "NOT_A_TABLE_CD"), "NOT_A_TABLE_CD is not a table of the CAL-ACCESS export"),
        (("--databases", "oracle"), "unknown database 'oracle'; choose from sqlite, postgresql"),
        (("--rows", "0"), "--rows, --growth and --repeat must be at least 1"),
        (("--celery-workers", "two"), "--celery-workers 'two': give counts such as 1,2"),
        (("--celery-workers", "0"), "--celery-workers: each count must be at least 1"),
        (("--sample", "/nonexistent/export.zip"), "no sample export at /nonexistent/export.zip"),
    ],
)
def test_bad_requests_fail_with_one_line(args, message, temp_dir):
    with pytest.raises(CommandError, match=message):
        benchmark("--rows", "100", "--databases", "sqlite", *args)


def test_a_server_needs_a_url_unless_it_is_the_default_database(temp_dir):
    other = "mysql" if connection.vendor == "postgresql" else "postgresql"
    option = "--mysql-url" if other == "mysql" else "--postgres-url"
    with pytest.raises(CommandError, match=f"give {option} to benchmark {other}"):
        benchmark("--rows", "100", "--databases", other)


def test_an_existing_scratch_database_is_never_reused_or_dropped(tmp_path):
    existing = tmp_path / "benchmark.sqlite3"
    existing.write_bytes(b"someone's data")
    settings = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(existing)}
    with pytest.raises(ScratchDatabaseExists, match="exists; the benchmark makes its own file"):
        with scratch_database(settings, ["SMRY_CD"]):
            pass
    assert existing.read_bytes() == b"someone's data"
