"""The report as text: one table of figures per database and size, then the targets."""

from __future__ import annotations

from .figures import DatabaseRun, Report

HEADINGS = (
    "database",
    "rows",
    "clean rows/s",
    "load rows/s",
    "clean+load rows/s",
    "clean+load s",
    "peak MB clean/load",
    "floor s",
    "ratio",
)


def _cells(run: DatabaseRun) -> tuple[str, ...]:
    ratio = run.floor_ratio
    return (
        run.vendor,
        f"{run.rows:,}",
        f"{run.clean.rows_per_second:,.0f}",
        f"{run.load.rows_per_second:,.0f}",
        f"{run.clean_and_load_rows_per_second:,.0f}",
        f"{run.clean_and_load_seconds:.2f}",
        f"{run.clean.peak_mb:.0f} / {run.load.peak_mb:.0f}",
        f"{run.floor.seconds:.2f}" if run.floor else "-",
        f"{ratio:.2f}x" if ratio is not None else "-",
    )


def report_lines(report: Report) -> list[str]:
    """The figures table and the targets, ready to print."""
    rows = [HEADINGS, *(_cells(run) for run in report.runs)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADINGS))]
    lines = [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    startup = {f"{run.clean.startup_mb:.0f}" for run in report.runs}
    lines.append(
        "Peak MB: resident memory of each stage's largest process, its own or its helper's"
        f" (about {'/'.join(sorted(startup))} MB of it is Python and Django before any work)."
        " Floor: PostgreSQL COPY of the loaded rows into the same empty tables, indexes rebuilt;"
        " ratio = clean+load s / floor s."
    )
    lines.append("Targets:")
    lines.extend(
        f"  [{target.verdict}] {target.name}: {target.detail}" for target in report.targets
    )
    return lines
