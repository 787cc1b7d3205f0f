"""The report as text: one table of figures per database and size, then the targets."""

from __future__ import annotations

from .figures import DatabaseRun, Report, UpdateRun

UPDATE_HEADINGS = (
    "update",
    "rows",
    "seconds",
    "rows/s",
    "floor s",
    "ratio",
    "peak MB process/helper/worker",
    "download",
    "extract",
    "clean",
    "load",
    "verify",
)
#: The update's steps shown in the headline, by command.
STEP_COLUMNS = (
    "download_raw_data",
    "extract_raw_files",
    "clean_raw_file",
    "load_raw_file",
    "verify_raw_file",
)

PROCESS_HEADINGS = (
    "processing",
    "rows",
    "raw update s",
    "processing s",
    "processing / raw update",
    "processing raw rows/s",
    "peak MB update/processing",
)

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


def _update_cells(update: UpdateRun) -> tuple[str, ...]:
    ratio = update.floor_ratio
    return (
        update.label,
        f"{update.rows:,}",
        f"{update.seconds:.2f}",
        f"{update.rows_per_second:,.0f}",
        f"{update.floor.seconds:.2f}" if update.floor else "-",
        f"{ratio:.2f}x" if ratio is not None else "-",
        f"{update.process_peak_mb:.0f} / {update.helper_peak_mb:.0f}"
        + (f" / {update.worker_peak_mb:.0f}" if update.workers else ""),
        *(f"{update.step_seconds(command):.2f}" for command in STEP_COLUMNS),
    )


def _process_cells(update: UpdateRun) -> tuple[str, ...]:
    assert update.process is not None
    return (
        update.vendor,
        f"{update.rows:,}",
        f"{update.seconds:.2f}",
        f"{update.process.seconds:.2f}",
        f"{update.process_ratio:.2f}x",
        f"{update.process.rows_per_second:,.0f}",
        f"{update.peak_mb:.0f} / {update.process.peak_mb:.0f}",
    )


def _table(headings: tuple[str, ...], body: list[tuple[str, ...]]) -> list[str]:
    rows = [headings, *body]
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
    """The headline (the whole update), with ``--filings`` the processing beside the update of
    the same run, the stage figures and the targets, ready to print."""
    lines = _table(UPDATE_HEADINGS, [_update_cells(update) for update in report.updates])
    lines.append(
        "Update: updatecalaccessrawdata --noinput from a local HTTP server into an empty"
        " database, verified and tracked; the step columns are the seconds of each command"
        " in its log, summed over tables (overlapping steps overlap). Floor: PostgreSQL COPY"
        " of the update's final rows into the same empty tables, indexes rebuilt, one stream;"
        " ratio = update s / floor s."
    )
    processed = [update for update in report.updates if update.process is not None]
    if processed:
        lines.append("")
        lines.extend(_table(PROCESS_HEADINGS, [_process_cells(update) for update in processed]))
        lines.append(
            "Processing: after the update above, in its database, every form's filing models,"
            " the unrouted rows' accounting and the totals; rows = the update's; raw rows/s ="
            " rows of the raw tables it reads / processing s."
        )
    lines.append("")
    lines.extend(_stage_lines(report))
    lines.append("Targets:")
    lines.extend(
        f"  [{target.verdict}] {target.name}: {target.detail}" for target in report.targets
    )
    return lines


def _stage_lines(report: Report) -> list[str]:
    """The stage figures: clean and load measured alone, as detail."""
    lines = _table(HEADINGS, [_cells(run) for run in report.runs])
    startup = {f"{run.clean.startup_mb:.0f}" for run in report.runs}
    lines.append(
        "Peak MB: resident memory of each stage's largest process, its own or its helper's"
        f" (about {'/'.join(sorted(startup))} MB of it is Python and Django before any work)."
        " Floor: PostgreSQL COPY of the loaded rows into the same empty tables, indexes rebuilt;"
        " ratio = clean+load s / floor s."
    )
    return lines
