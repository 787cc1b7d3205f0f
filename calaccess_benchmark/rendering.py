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


PROCESS_HEADINGS = (
    "database",
    "rows",
    "raw load s",
    "processing s",
    "processing / raw load",
    "processing raw rows/s",
    "peak MB raw load/processing",
)


def _process_cells(run: DatabaseRun) -> tuple[str, ...]:
    assert run.process is not None
    return (
        run.vendor,
        f"{run.rows:,}",
        f"{run.clean_and_load_seconds:.2f}",
        f"{run.process.seconds:.2f}",
        f"{run.process_ratio:.2f}x",
        f"{run.process.rows_per_second:,.0f}",
        f"{run.peak_mb:.0f} / {run.process.peak_mb:.0f}",
    )


def _table(headings: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    rows = [headings, *rows]
    widths = [max(len(row[column]) for row in rows) for column in range(len(headings))]
    lines = [
        "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


def report_lines(report: Report) -> list[str]:
    """The figures table (with ``--filings`` a second one, processing beside the raw load of the
    same run) and the targets, ready to print."""
    lines = _table(HEADINGS, [_cells(run) for run in report.runs])
    startup = {f"{run.clean.startup_mb:.0f}" for run in report.runs}
    lines.append(
        "Peak MB: resident memory of each stage's largest process, its own or its helper's"
        f" (about {'/'.join(sorted(startup))} MB of it is Python and Django before any work)."
        " Floor: PostgreSQL COPY of the loaded rows into the same empty tables, indexes rebuilt;"
        " ratio = clean+load s / floor s."
    )
    processed = [run for run in report.runs if run.process is not None]
    if processed:
        lines.append("")
        lines.extend(_table(PROCESS_HEADINGS, [_process_cells(run) for run in processed]))
        lines.append(
            "Raw load: clean + load as above. Processing: every form's filing models, the"
            " unrouted rows' accounting and the totals, in the same database; raw rows/s = rows"
            " of the raw tables it reads / processing s."
        )
    lines.append("Targets:")
    lines.extend(
        f"  [{target.verdict}] {target.name}: {target.detail}" for target in report.targets
    )
    return lines
