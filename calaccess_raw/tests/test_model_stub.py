"""The raw models' type stub: up to date with the schema, and strict enough to catch a typo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from calaccess_raw.schema.stub import STUB_PATH, render_stub

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_stub_is_the_one_the_schema_gives():
    assert STUB_PATH.read_text() == render_stub(), (
        "calaccess_raw/models/__init__.pyi is out of date: run python -m calaccess_raw.schema.stub"
    )


def test_a_misspelt_raw_column_fails_the_type_check(tmp_path):
    snippet = tmp_path / "uses_raw_columns.py"
    snippet.write_text(
        "from decimal import Decimal\n"
        "from calaccess_raw.models import RcptCd\n"
        "def amount(row: RcptCd) -> Decimal | None:\n"
        "    return row.amount\n"
        "def misspelt(row: RcptCd) -> object:\n"
        "    return row.amout\n"
    )
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "pyproject.toml", str(snippet)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 1, checked.stdout + checked.stderr
    # By file name: mypy's cache may report the snippet at the path of an earlier run.
    errors = [line for line in checked.stdout.splitlines() if f"/{snippet.name}:" in line]
    assert len(errors) == 1, checked.stdout
    assert f'{snippet.name}:6: error: "RcptCd" has no attribute "amout"' in errors[0]
