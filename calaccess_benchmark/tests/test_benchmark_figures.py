"""How the benchmark combines repeated runs of a stage (no database needed)."""

from __future__ import annotations

import pytest

from calaccess_benchmark.figures import Report, StageFigures, UpdateRun
from calaccess_benchmark.targets import check_targets


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


def update(vendor, generated_rows, peak_mb, *, process_mb=None, seconds=10.0, process_s=5.0):
    """An update run as the runner records it, with a processing run when ``process_mb`` is set."""
    process = None
    if process_mb is not None:
        process = StageFigures(generated_rows, process_s, process_mb, 90.0, 1.0, ())
    return UpdateRun(
        vendor=vendor,
        generated_rows=generated_rows,
        rows=generated_rows + 100,
        seconds=seconds,
        process_peak_mb=peak_mb,
        helper_peak_mb=peak_mb - 10,
        cpu_seconds=1.0,
        steps={},
        process=process,
    )


def judged(updates, growth=2):
    report = Report(rows=1000, growth=growth, repeat=1, sample="sample.zip", updates=updates)
    return {target.name: target for target in check_targets(report)}


def test_flat_memory_is_judged_per_database_between_the_two_sizes():
    targets = judged(
        [
            update("sqlite", 1000, 150.0),
            update("postgresql", 1000, 120.0, process_mb=100.0),
            update("sqlite", 2000, 160.0),  # +6.7 %: flat
            update("postgresql", 2000, 140.0, process_mb=125.0),  # +16.7 %: not flat
        ]
    )
    flat = targets["Peak memory flat as the input grows 2x"]
    assert flat.met is False
    assert "SQLite 150 → 160 MB (+6.7%)" in flat.detail
    assert "PostgreSQL 120 → 140 MB (+16.7%)" in flat.detail
    process_flat = targets["PostgreSQL processing peak memory flat as the input grows 2x"]
    assert process_flat.met is False
    assert "100 MB at 1,100 rows, 125 MB at 2,100 rows (+25.0%" in process_flat.detail


def test_processing_is_judged_against_the_whole_update_of_the_same_run():
    targets = judged(
        [
            update("postgresql", 1000, 120.0, process_mb=100.0, seconds=10.0, process_s=5.0),
            update("postgresql", 2000, 121.0, process_mb=104.0, seconds=10.0, process_s=12.0),
        ]
    )
    ratio = targets["PostgreSQL filings processing no longer than the raw update of the same run"]
    assert (ratio.met, ratio.detail) == (False, "0.50x at 1,100 rows, 1.20x at 2,100 rows")
    assert targets["PostgreSQL processing peak memory under 300 MB"].met is True
    flat = targets["PostgreSQL processing peak memory flat as the input grows 2x"]
    assert flat.met is True and "(+4.0%" in flat.detail
    assert targets["Peak memory flat as the input grows 2x"].met is True


def test_without_filings_there_are_no_processing_targets():
    targets = judged([update("postgresql", 1000, 120.0)], growth=1)
    assert not any("processing" in name for name in targets)
    assert targets["Peak memory flat as the input grows 1x"].met is None
