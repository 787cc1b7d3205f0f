"""What cleaning one file counted, in a form whose line accounting can be checked."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CleanResult:
    """The counts of one cleaned table.

    Every physical line of the source is accounted for exactly once::

        source_lines == header_lines + single-line rows + lines of repaired records
                        + logged error lines + blank lines

    A repaired record is one clean row made of several physical lines (a value broken by a line
    break), so ``repaired_lines`` counts those lines and ``clean_rows`` counts the record once.
    A row repaired by joining a value split by a tab (``repaired_tab_records``) is one physical
    line and one row: among the single-line rows, so it needs no term of its own.
    """

    table: str
    source_path: Path
    csv_path: Path
    #: None when no row had to be logged (no error file is written then).
    errors_path: Path | None
    source_size: int
    csv_size: int
    errors_size: int
    #: Physical lines: line feeds, plus one for a last line without a line feed.
    source_lines: int
    #: 1, or 0 for an empty source (an empty table).
    header_lines: int
    header_fields: int
    #: Rows written to the CSV, header excluded; includes the repaired records.
    clean_rows: int
    repaired_records: int
    repaired_lines: int
    #: Single-line rows rebuilt by joining values split by a tab; included in ``clean_rows``.
    repaired_tab_records: int
    #: Lines written to the error log (one error row per physical line).
    logged_errors: int
    blank_lines: int
    dropped_nul_bytes: int

    @property
    def accounted_lines(self) -> int:
        """Physical lines explained by the counts; equals ``source_lines`` when nothing is lost."""
        single_line_rows = self.clean_rows - self.repaired_records
        return (
            self.header_lines
            + single_line_rows
            + self.repaired_lines
            + self.logged_errors
            + self.blank_lines
        )

    @property
    def reconciles(self) -> bool:
        return self.accounted_lines == self.source_lines

    @classmethod
    def of_empty_source(cls, table: str, source: Path, destination: Path) -> CleanResult:
        """The result for an empty source file, cleaned into an empty CSV (an empty table)."""
        return cls(
            table=table,
            source_path=source,
            csv_path=destination,
            errors_path=None,
            source_size=0,
            csv_size=0,
            errors_size=0,
            source_lines=0,
            header_lines=0,
            header_fields=0,
            clean_rows=0,
            repaired_records=0,
            repaired_lines=0,
            repaired_tab_records=0,
            logged_errors=0,
            blank_lines=0,
            dropped_nul_bytes=0,
        )
