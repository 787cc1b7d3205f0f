"""Amendment diffs: applied to version n-1 they give version n, on every multi-version filing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from calaccess_processed.diffing import apply_diff, diff_filing, snapshot
from calaccess_processed.tests.coherent import manifest

pytestmark = pytest.mark.django_db


def _multi_version_filings() -> list[dict]:
    return [f for f in manifest()["filings"] if len(f["amend_ids"]) > 1]


def test_applying_each_diff_to_the_previous_version_gives_the_next(coherent_data):
    filings = _multi_version_filings()
    assert len(filings) > 20
    changed_items = changed_summaries = 0
    for entry in filings:
        diffs = diff_filing(entry["filing_id"])
        assert [d.to_amend_id for d in diffs] == entry["amend_ids"][1:]
        for diff in diffs:
            before = snapshot(entry["form"], entry["filing_id"], diff.from_amend_id)
            after = snapshot(entry["form"], entry["filing_id"], diff.to_amend_id)
            assert apply_diff(before, diff) == after, (entry["filing_id"], diff.to_amend_id)
            changed_items += len(diff.added) + len(diff.removed) + len(diff.changed)
            changed_summaries += len(diff.summaries)
    assert changed_items > 0
    assert changed_summaries > 0


def test_the_command_prints_the_changes_and_refuses_unknown_filings(coherent_data):
    entry = next(f for f in _multi_version_filings() if f["form"] == "F460")
    out = StringIO()
    call_command("diffcalaccessfiling", str(entry["filing_id"]), "--noinput", stdout=out)
    assert f"Amendment {entry['amend_ids'][1]} against {entry['amend_ids'][0]}:" in out.getvalue()
    with pytest.raises(CommandError, match="no processed filing 1"):
        call_command("diffcalaccessfiling", "1", "--noinput", stdout=StringIO())
