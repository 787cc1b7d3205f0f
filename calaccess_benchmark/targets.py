"""The issue's targets, checked against a report's figures: the whole update's, as users run it."""

from __future__ import annotations

from .figures import Report, TargetCheck, UpdateRun

#: PostgreSQL's whole update may take at most this many times the single-stream COPY floor.
FLOOR_RATIO_LIMIT = 1.0
#: Every process of the update (its own and each helper) must peak below this many MB.
PEAK_MB_LIMIT = 300.0
#: "Flat" memory: at growth × N rows the peak may exceed the peak at N rows by this share at most.
FLAT_TOLERANCE = 0.10
#: SQLite's and MySQL/MariaDB's whole update must reach this many rows per second.
UPDATE_RATE = 150_000
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mysql": "MariaDB"}


def check_targets(report: Report) -> list[TargetCheck]:
    """Every target, in the issue's order; a target with no run to judge is "not measured"."""
    of = {  # the targets are the update's own, on threads; Celery runs count for memory
        vendor: [u for u in report.updates if u.vendor == vendor and not u.workers]
        for vendor in VENDOR_NAMES
    }
    checks = [
        _floor_ratio(of["postgresql"]),
        _rate("sqlite", of["sqlite"]),
        _rate("mysql", of["mysql"]),
        _peak_memory(report.updates),
        _flat_memory(report.updates, report.growth),
    ]
    if any(update.process is not None for update in report.updates):
        processed = [update for update in of["postgresql"] if update.process is not None]
        checks += [
            _process_ratio(processed),
            _process_memory(processed),
            _flat_process_memory(processed, report.growth),
        ]
    return checks


def _process_ratio(updates: list[UpdateRun]) -> TargetCheck:
    name = "PostgreSQL filings processing no longer than the raw update of the same run"
    ratios = [(run.rows, run.process_ratio) for run in updates if run.process_ratio is not None]
    if not ratios:
        return TargetCheck(name, None, "no PostgreSQL run")
    detail = ", ".join(f"{ratio:.2f}x at {rows:,} rows" for rows, ratio in ratios)
    return TargetCheck(name, all(ratio <= 1 for _, ratio in ratios), detail)


def _process_peaks(updates: list[UpdateRun]) -> list[tuple[int, float]]:
    return [(run.rows, run.process.peak_mb) for run in updates if run.process is not None]


def _process_memory(updates: list[UpdateRun]) -> TargetCheck:
    name = f"PostgreSQL processing peak memory under {PEAK_MB_LIMIT:.0f} MB"
    peaks = _process_peaks(updates)
    if not peaks:
        return TargetCheck(name, None, "no PostgreSQL run")
    detail = ", ".join(f"{peak:.0f} MB at {rows:,} rows" for rows, peak in peaks)
    return TargetCheck(name, all(peak < PEAK_MB_LIMIT for _, peak in peaks), detail)


def _flat_process_memory(updates: list[UpdateRun], growth: int) -> TargetCheck:
    name = f"PostgreSQL processing peak memory flat as the input grows {growth}x"
    peaks = sorted(_process_peaks(updates))
    if growth < 2 or len(peaks) < 2:
        return TargetCheck(name, None, "needs a PostgreSQL run and --growth 2 or more")
    (small_rows, small), (large_rows, large) = peaks[0], peaks[-1]
    change = large / small - 1
    detail = (
        f"{small:.0f} MB at {small_rows:,} rows, {large:.0f} MB at {large_rows:,} rows"
        f" ({change:+.1%}; flat means at most +{FLAT_TOLERANCE:.0%})"
    )
    return TargetCheck(name, change <= FLAT_TOLERANCE, detail)


def _floor_ratio(updates: list[UpdateRun]) -> TargetCheck:
    name = f"PostgreSQL whole update within {FLOOR_RATIO_LIMIT}x of the COPY floor"
    ratios = [(run.rows, run.floor_ratio) for run in updates if run.floor_ratio is not None]
    if not ratios:
        return TargetCheck(name, None, "no PostgreSQL run")
    detail = ", ".join(f"{ratio:.2f}x at {rows:,} rows" for rows, ratio in ratios)
    return TargetCheck(name, all(ratio <= FLOOR_RATIO_LIMIT for _, ratio in ratios), detail)


def _rate(vendor: str, updates: list[UpdateRun]) -> TargetCheck:
    name = f"{VENDOR_NAMES[vendor]} whole update at least {UPDATE_RATE:,} rows/s"
    if not updates:
        return TargetCheck(name, None, f"no {VENDOR_NAMES[vendor]} run")
    detail = ", ".join(f"{run.rows_per_second:,.0f} rows/s at {run.rows:,} rows" for run in updates)
    return TargetCheck(name, all(run.rows_per_second >= UPDATE_RATE for run in updates), detail)


def _peak_memory(updates: list[UpdateRun]) -> TargetCheck:
    name = f"Peak memory of every process under {PEAK_MB_LIMIT:.0f} MB"
    if not updates:
        return TargetCheck(name, None, "no update run")
    detail = ", ".join(
        f"{run.label} {run.process_peak_mb:.0f} / {run.helper_peak_mb:.0f}"
        + (f" / {run.worker_peak_mb:.0f}" if run.workers else "")
        + f" MB at {run.rows:,} rows"
        for run in updates
    )
    return TargetCheck(name, all(run.peak_mb < PEAK_MB_LIMIT for run in updates), detail)


def _flat_memory(updates: list[UpdateRun], growth: int) -> TargetCheck:
    name = f"Peak memory flat as the input grows {growth}x"
    sizes = {run.generated_rows for run in updates}
    if growth < 2 or len(sizes) < 2:
        return TargetCheck(name, None, "needs --growth 2 or more")
    changes = []
    for vendor in dict.fromkeys(run.vendor for run in updates):
        runs = sorted((run for run in updates if run.vendor == vendor), key=lambda r: r.rows)
        small, large = runs[0], runs[-1]
        changes.append((vendor, small, large, large.peak_mb / small.peak_mb - 1))
    detail = (
        "; ".join(
            f"{VENDOR_NAMES[vendor]} {small.peak_mb:.0f} → {large.peak_mb:.0f} MB ({change:+.1%})"
            for vendor, small, large, change in changes
        )
        + f" (flat means at most +{FLAT_TOLERANCE:.0%})"
    )
    return TargetCheck(name, all(change <= FLAT_TOLERANCE for *_, change in changes), detail)
