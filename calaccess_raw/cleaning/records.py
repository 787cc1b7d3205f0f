"""Rebuild records from physical lines, repairing only what needs no guessing.

A physical line with exactly as many fields as the header is a record. Any other line is handled
here, and the only repairs are those that cannot be wrong about where values belong:

* **A value broken by a line break.** Consecutive lines that each have *fewer* fields than the
  header, and whose fields join to *exactly* the header's count (the last field of one line
  continues in the first field of the next), are one record. The break is kept in the value as
  ``\n``, and a blank line inside such a record is part of the value (an empty paragraph).
  Counted in ``repaired_records`` (rows) and ``repaired_lines`` (the lines they spanned).
* **A value split by a tab.** A line with *more* fields than the header is rebuilt when exactly
  one way of joining adjacent fields back (with the tab typed inside the value) gives a row whose
  every value fits its column's declared type and documented length (:mod:`.tabs`). It stays one
  physical line and one row, counted in ``repaired_tab_records``.

A line with the header's count is always a record by itself, never merged with a neighbour. So a
break inside a record's *last* value is not repaired: its second half, a one-field line, could
just as well be the start of the next record's first value (both readings join to the header's
count), and choosing one would be a guess. Such a line is logged, and the record before it kept
as it stands (without the logged part of its value).

Everything else is logged, one error row per physical line, never shifted into place:

* **Too many fields** that join back in no way or in several ways that fit the schema, or in a
  table the schema does not declare. Dropping empty trailing fields is never the repair: in the
  July 2017 sample all six such rows have them, yet in every one the extra field sits *earlier* in
  the row (a name split in two, three empty amounts, a description containing a tab); dropping
  them would put ``Assemblymember Jackson`` into ``BENE_AMT`` or ``(Cumulative: $31,125.00)``
  into the one-letter ``MEMO_CODE``.
* **Too few fields** that no following line completes.

Fragments waiting for their continuation are bounded (:data:`MAX_RECORD_LINES`), so memory stays
constant whatever the file holds.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import NamedTuple

from calaccess_toolkit.text import decode_fields

#: Most physical lines one repaired record may span; older fragments are logged.
MAX_RECORD_LINES = 10_000


class Fragment(NamedTuple):
    line_number: int
    line: bytes
    fields: int


class RecordAssembler:
    """Turns the lines that are not a record on their own into repaired records or error rows.

    ``write_record(fields)`` receives every record fed through the assembler (complete lines and
    repaired records); ``log_error(line_number, fields_count, line)`` every unrepairable line.
    ``repair_split_values(fields)`` returns the row a line with too many fields stands for, or
    None to log it (:class:`.tabs.TabRepair`); without it such lines are all logged.
    """

    def __init__(
        self,
        expected: int,
        write_record: Callable[[list[str]], None],
        log_error: Callable[[int, int, bytes], None],
        max_record_lines: int = MAX_RECORD_LINES,
        repair_split_values: Callable[[Sequence[str]], list[str] | None] | None = None,
    ) -> None:
        self.expected = expected
        self.max_record_lines = max_record_lines
        self._write_record = write_record
        self._log_error = log_error
        self._repair_split_values = repair_split_values
        self._fragments: deque[Fragment] = deque()
        self._joined_fields = 0
        self.rows = 0
        self.repaired_records = 0
        self.repaired_lines = 0
        self.repaired_tab_records = 0
        self.logged_errors = 0
        self.blank_lines = 0

    @property
    def idle(self) -> bool:
        """No fragment is waiting for its continuation."""
        return not self._fragments

    def feed(self, line_number: int, line: bytes) -> None:
        """Take the next physical line (line end, NUL and stray CR bytes already removed)."""
        if not line and not self._fragments:
            self.blank_lines += 1
            return
        fields = line.count(b"\t") + 1
        if fields == self.expected:
            self._abandon_fragments()
            self._write(decode_fields(line))
        elif fields > self.expected:
            self._abandon_fragments()
            self._take_split_values(line_number, fields, line)
        else:
            self._add_fragment(Fragment(line_number, line, fields))

    def finish(self) -> None:
        """End of file: fragments still waiting are logged."""
        self._abandon_fragments()

    def _take_split_values(self, line_number: int, fields: int, line: bytes) -> None:
        """A line with too many fields: its one reading that fits the schema, else the log."""
        repaired = None
        if self._repair_split_values is not None:
            repaired = self._repair_split_values(decode_fields(line))
        if repaired is None:
            self._log(line_number, fields, line)
        else:
            self.repaired_tab_records += 1
            self._write(repaired)

    def _write(self, fields: list[str]) -> None:
        self._write_record(fields)
        self.rows += 1

    def _log(self, line_number: int, fields: int, line: bytes) -> None:
        self._log_error(line_number, fields, line)
        self.logged_errors += 1

    def _discard(self, fragment: Fragment) -> None:
        if fragment.line:
            self._log(fragment.line_number, fragment.fields, fragment.line)
        else:
            self.blank_lines += 1

    def _abandon_fragments(self) -> None:
        while self._fragments:
            self._discard(self._fragments.popleft())
        self._joined_fields = 0

    def _add_fragment(self, fragment: Fragment) -> None:
        # Joining k lines merges k - 1 pairs of fields (the break splits one value in two).
        joins = 1 if self._fragments else 0
        self._fragments.append(fragment)
        self._joined_fields += fragment.fields - joins
        while self._joined_fields > self.expected or len(self._fragments) > self.max_record_lines:
            self._drop_oldest_fragment()
        if self._joined_fields == self.expected:
            self._write_repaired_record()

    def _drop_oldest_fragment(self) -> None:
        oldest = self._fragments.popleft()
        self._discard(oldest)
        self._joined_fields -= oldest.fields - 1
        # A record never starts with a blank line.
        while self._fragments and not self._fragments[0].line:
            self._discard(self._fragments.popleft())
        if not self._fragments:
            self._joined_fields = 0

    def _write_repaired_record(self) -> None:
        fragments = list(self._fragments)
        self._fragments.clear()
        self._joined_fields = 0
        fields = decode_fields(fragments[0].line)
        for fragment in fragments[1:]:
            continuation = decode_fields(fragment.line)
            fields[-1] = f"{fields[-1]}\n{continuation[0]}"
            fields.extend(continuation[1:])
        self.repaired_records += 1
        self.repaired_lines += len(fragments)
        self._write(fields)
