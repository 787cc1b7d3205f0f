"""``benchmarkcalaccessweb`` end to end at a tiny size on SQLite.

No timing is asserted: the scratch database must hold the rows asked for, every one of them must
come out of the CSV download, and each page must have been timed, the search, committee, filing,
candidate and filtered contribution pages on the data's demanding cases.
"""

from __future__ import annotations

import json
import tempfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

ROWS = 4000


def test_the_browser_benchmark_measures_pages_and_the_download(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    figures_path = tmp_path / "figures.json"
    output = StringIO()
    call_command(
        "benchmarkcalaccessweb",
        "--rows", str(ROWS), "--repeat", "2", "--databases", "sqlite",
        "--json", str(figures_path),
        stdout=output,
    )  # fmt: skip
    figures = json.loads(figures_path.read_text())["databases"]["sqlite"]
    assert figures["prepare"]["rows"] == figures["download"]["rows"] == ROWS
    assert figures["download"]["bytes"] > ROWS * 50
    deep = figures["pages"]["deep_page"]
    assert 0 < deep <= ROWS // 50
    for kind in ("html", "api"):
        for sort in ("-date", "-amount"):
            for page in ("first", f"page {deep}"):
                timing = figures["pages"][f"{kind} {sort} {page}"]
                assert 0 < timing["p50_ms"] <= timing["p95_ms"]
    chosen = figures["pages"]["subjects"]
    assert chosen["committee"] == "911856"  # the coherent export's committee with the most
    assert chosen["committee_contributions"] > ROWS // 50
    assert chosen["search"] == "State Coalition"
    pages = [
        "search prefix",
        "search text",
        "search typeahead",
        "committee page",
        "filing page",
        "filing first version and diff",
        "candidate page",
        *(f"{kind} {page}" for kind in ("html", "api") for page in (
            "contribution search", "committee contributions filtered"
        )),
    ]  # fmt: skip
    for page in pages:
        timing = figures["pages"][page]
        assert 0 < timing["p50_ms"] <= timing["p95_ms"], page
        assert f"  {page}: p50 " in output.getvalue()
    assert figures["pages"]["committee page"]["url"] == "/committees/911856/"
    assert (
        f"/filings/{chosen['filing']}/?amend=0"
        == (figures["pages"]["filing first version and diff"]["url"])
    )
    assert "CSV download: 4,000 rows" in output.getvalue()
    assert sorted(figures["targets"]) == sorted(
        [
            "p95 of every page <= 100 ms",
            f"page {deep} within 1.5x the first (median)",
            "download >= 50,000 rows/s",
            "download peak < 150 MB",
        ]
    )
    assert not list(tmp_path.glob("calaccess-web-benchmark-*")), "the scratch folder is removed"


def test_the_browser_benchmark_refuses_mysql() -> None:
    with pytest.raises(CommandError, match="sqlite and postgresql"):
        call_command("benchmarkcalaccessweb", "--databases", "mysql", stdout=StringIO())
