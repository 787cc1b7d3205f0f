"""The CSV format of cleaned files: one constant that the cleaner writes and the loaders read.

Python's default ``excel`` dialect (comma, double quote, quotes doubled inside quoted fields,
QUOTE_MINIMAL) with one change: rows end with ``\\n`` instead of ``\\r\\n``. Every database's bulk
loader accepts ``\\n`` (PostgreSQL ``COPY … CSV``, MySQL ``LINES TERMINATED BY '\\n'``), files are
smaller, and a bare ``\\n`` can never be mistaken for the CR bytes the cleaner removes.

Files are UTF-8 without a byte-order mark, start with the export's header row and hold one
record per CSV row (a repaired value's line break sits inside its quoted field). A table the
export ships as an empty file becomes an empty file. Only fields containing a comma, a double quote
or a line break are quoted, so an empty field is written as nothing at all: PostgreSQL's
``COPY … CSV`` reads it as NULL.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence

#: The longest value a cleaned CSV may hold, in characters. The ``csv`` module refuses fields
#: over 131,072 characters by default, which a TSV line of the export can exceed; every value up
#: to this size is read, so the loader decides: one longer than its column is logged and stored
#: empty (:mod:`calaccess_raw.loading.rows`). 2**31 - 1 is the most the ``csv`` module takes
#: on every platform, and more than any column of any of the databases stores.
MAX_FIELD_CHARS = 2**31 - 1


class CleanCSV(csv.excel):
    """Python's default CSV dialect with ``\\n`` line ends."""

    lineterminator = "\n"


#: The dialect of every cleaned CSV: ``csv.reader(f, dialect=CSV_DIALECT)``.
CSV_DIALECT = CleanCSV
#: The encoding of every cleaned CSV and error log.
CSV_ENCODING = "utf-8"
#: Header row of ``<table>.errors.csv``: the physical line's number in the TSV (the header is
#: line 1), the header's field count, the line's field count, and the line itself, tabs kept,
#: decoded like every value and without its CR and NUL bytes. One row per physical line.
ERRORS_HEADER = ("line_number", "expected_fields", "actual_fields", "raw_row")


def csv_reader(lines: Iterable[str]) -> Iterator[list[str]]:
    """``csv.reader`` over a cleaned CSV, with the field limit raised to :data:`MAX_FIELD_CHARS`.

    The limit is global to the process, so it is set here, by every reader of a cleaned CSV
    (the loader, its typing helper, the verifier), rather than once at import.
    """
    csv.field_size_limit(MAX_FIELD_CHARS)
    return csv.reader(lines, dialect=CSV_DIALECT)


class _Echo:
    """A file-like object whose ``write`` hands the text back, so ``writerow`` returns the row."""

    def write(self, text: str) -> str:
        return text


def row_formatter() -> Callable[[Sequence[str]], str]:
    """A function turning one row of fields into its CSV line (ending with ``\\n``)."""
    return csv.writer(_Echo(), dialect=CSV_DIALECT).writerow
