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
    checks = [
        _floor_ratio(postgresql),
        _peak_memory(postgresql),
        _flat_memory(postgresql, report.growth),
        _sqlite_rate(sqlite),
    ]
    if any(run.process is not None for run in report.runs):
        processed = [run for run in postgresql if run.process is not None]
        checks += [
            _process_ratio(processed),
            _process_memory(processed),
            _flat_process_memory(processed, report.growth),
        ]
    return checks


def _process_ratio(runs: list[DatabaseRun]) -> TargetCheck:
    name = "PostgreSQL filings processing no longer than the raw load of the same run"
    ratios = [(run.rows, run.process_ratio) for run in runs if run.process_ratio is not None]
    if not ratios:
        return TargetCheck(name, None, "no PostgreSQL run")
    detail = ", ".join(f"{ratio:.2f}x at {rows:,} rows" for rows, ratio in ratios)
    return TargetCheck(name, all(ratio <= 1 for _, ratio in ratios), detail)


def _process_peaks(runs: list[DatabaseRun]) -> list[tuple[int, float]]:
    return [(run.rows, run.process.peak_mb) for run in runs if run.process is not None]


def _process_memory(runs: list[DatabaseRun]) -> TargetCheck:
    name = f"PostgreSQL processing peak memory under {PEAK_MB_LIMIT:.0f} MB"
    peaks = _process_peaks(runs)
    if not peaks:
        return TargetCheck(name, None, "no PostgreSQL run")
    detail = ", ".join(f"{peak:.0f} MB at {rows:,} rows" for rows, peak in peaks)
    return TargetCheck(name, all(peak < PEAK_MB_LIMIT for _, peak in peaks), detail)


def _flat_process_memory(runs: list[DatabaseRun], growth: int) -> TargetCheck:
    name = f"PostgreSQL processing peak memory flat as the input grows {growth}x"
    peaks = sorted(_process_peaks(runs))
    if growth < 2 or len(peaks) < 2:
        return TargetCheck(name, None, "needs a PostgreSQL run and --growth 2 or more")
    (small_rows, small), (large_rows, large) = peaks[0], peaks[-1]
    change = large / small - 1
    detail = (
        f"{small:.0f} MB at {small_rows:,} rows, {large:.0f} MB at {large_rows:,} rows"
        f" ({change:+.1%}; flat means at most +{FLAT_TOLERANCE:.0%})"
    )
    return TargetCheck(name, change <= FLAT_TOLERANCE, detail)


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
