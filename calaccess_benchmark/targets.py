"""The issue's targets, checked against a report's figures."""

from __future__ import annotations

from .figures import DatabaseRun, Report, TargetCheck

#: PostgreSQL clean + load may take at most this many times the COPY floor.
FLOOR_RATIO_LIMIT = 1.15
#: PostgreSQL's clean and load processes must each peak below this many MB.
PEAK_MB_LIMIT = 300.0
#: "Flat" memory: at growth × N rows the peak may exceed the peak at N rows by this share at most.
FLAT_TOLERANCE = 0.10
#: SQLite's clean + load must reach this many rows per second.
SQLITE_RATE = 100_000


def check_targets(report: Report) -> list[TargetCheck]:
    """Every target, in the issue's order; a target with no run to judge is "not measured"."""
    postgresql = [run for run in report.runs if run.vendor == "postgresql"]
    sqlite = [run for run in report.runs if run.vendor == "sqlite"]
    return [
        _floor_ratio(postgresql),
        _peak_memory(postgresql),
        _flat_memory(postgresql, report.growth),
        _sqlite_rate(sqlite),
    ]


def _floor_ratio(runs: list[DatabaseRun]) -> TargetCheck:
    name = f"PostgreSQL clean + load within {FLOOR_RATIO_LIMIT}x of the COPY floor"
    ratios = [(run.rows, run.floor_ratio) for run in runs if run.floor_ratio is not None]
    if not ratios:
        return TargetCheck(name, None, "no PostgreSQL run")
    detail = ", ".join(f"{ratio:.2f}x at {rows:,} rows" for rows, ratio in ratios)
    return TargetCheck(name, all(ratio <= FLOOR_RATIO_LIMIT for _, ratio in ratios), detail)


def _peak_memory(runs: list[DatabaseRun]) -> TargetCheck:
    name = f"PostgreSQL peak memory under {PEAK_MB_LIMIT:.0f} MB"
    if not runs:
        return TargetCheck(name, None, "no PostgreSQL run")
    detail = ", ".join(
        f"{run.peak_mb:.0f} MB at {run.rows:,} rows (clean {run.clean.peak_mb:.0f}, "
        f"load {run.load.peak_mb:.0f})"
        for run in runs
    )
    return TargetCheck(name, all(run.peak_mb < PEAK_MB_LIMIT for run in runs), detail)


def _flat_memory(runs: list[DatabaseRun], growth: int) -> TargetCheck:
    name = f"PostgreSQL peak memory flat as the input grows {growth}x"
    if growth < 2 or len(runs) < 2:
        return TargetCheck(name, None, "needs a PostgreSQL run and --growth 2 or more")
    small, large = min(runs, key=lambda run: run.rows), max(runs, key=lambda run: run.rows)
    change = large.peak_mb / small.peak_mb - 1
    detail = (
        f"{small.peak_mb:.0f} MB at {small.rows:,} rows, {large.peak_mb:.0f} MB at "
        f"{large.rows:,} rows ({change:+.1%}; flat means at most +{FLAT_TOLERANCE:.0%})"
    )
    return TargetCheck(name, change <= FLAT_TOLERANCE, detail)


def _sqlite_rate(runs: list[DatabaseRun]) -> TargetCheck:
    name = f"SQLite clean + load at least {SQLITE_RATE:,} rows/s"
    if not runs:
        return TargetCheck(name, None, "no SQLite run")
    detail = ", ".join(
        f"{run.clean_and_load_rows_per_second:,.0f} rows/s at {run.rows:,} rows" for run in runs
    )
    met = all(run.clean_and_load_rows_per_second >= SQLITE_RATE for run in runs)
    return TargetCheck(name, met, detail)
