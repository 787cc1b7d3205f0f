"""How the benchmark combines repeated runs of a stage (no database needed)."""

from __future__ import annotations

import pytest

from calaccess_benchmark.figures import StageFigures


def run(first_clean, *tables, peak_mb=100.0):
    figures = {
        "tables": [
            {"table": name, "seconds": load, "overlapped_seconds": overlapped, "rows": rows}
            for name, load, overlapped, rows in tables
        ],
        "peak_mb": peak_mb,
        "startup_mb": 90.0,
        "cpu_seconds": 1.0,
        "first_clean_seconds": first_clean,
    }
    if first_clean is None:
        for table in figures["tables"]:
            del table["overlapped_seconds"]
    return StageFigures.from_child(figures)


def test_best_of_keeps_each_tables_fastest_run_and_the_largest_peak():
    slow_first = run(0.5, ("A", 3.0, 3.2, 10), ("B", 1.0, 1.0, 5), peak_mb=120.0)
    slow_second = run(0.4, ("A", 2.0, 2.5, 10), ("B", 1.5, 1.6, 5))
    best = StageFigures.best_of([slow_first, slow_second])
    assert [table["overlapped_seconds"] for table in best.tables] == [2.5, 1.0]
    assert best.seconds == pytest.approx(2.0 + 1.0)
    assert best.wall_seconds == pytest.approx(0.4 + 2.5 + 1.0)
    assert (best.rows, best.peak_mb) == (15, 120.0)


def test_without_cleaning_ahead_the_tables_seconds_count():
    best = StageFigures.best_of([run(None, ("A", 3.0, 0, 10)), run(None, ("A", 2.0, 0, 10))])
    assert (best.seconds, best.wall_seconds, best.first_clean_seconds) == (2.0, None, None)
