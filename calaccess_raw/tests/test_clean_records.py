"""The record assembler alone: what it writes, logs and counts, and that its memory is bounded."""

from __future__ import annotations

from calaccess_raw.cleaning.records import RecordAssembler


class Recorder:
    """An assembler whose written records and logged lines are kept in lists."""

    def __init__(self, expected: int, max_record_lines: int, repair=None) -> None:
        self.records: list[list[str]] = []
        self.errors: list[int] = []
        self.assembler = RecordAssembler(
            expected,
            self.records.append,
            lambda number, fields, line: self.errors.append(number),
            max_record_lines=max_record_lines,
            repair_split_values=repair,
        )
        self.line_number = 0

    def feed(self, *lines: bytes) -> None:
        for line in lines:
            self.line_number += 1
            self.assembler.feed(self.line_number, line)


def test_a_record_may_span_up_to_the_line_limit():
    recorder = Recorder(3, max_record_lines=3)
    recorder.feed(b"1\tstart", b"more", b"end\tx")
    assert recorder.records == [["1", "start\nmore\nend", "x"]]
    assert (recorder.assembler.repaired_records, recorder.assembler.repaired_lines) == (1, 3)


def test_fragments_beyond_the_line_limit_are_logged_as_they_arrive():
    recorder = Recorder(3, max_record_lines=3)
    recorder.feed(b"1\tstart", b"a", b"b")
    assert recorder.errors == []
    recorder.feed(b"c")
    assert recorder.errors == [1]
    recorder.feed(b"d", b"e")
    assert recorder.errors == [1, 2, 3]
    recorder.assembler.finish()
    assert recorder.errors == [1, 2, 3, 4, 5, 6]
    assert recorder.records == []
    assert recorder.assembler.logged_errors == 6


def test_a_record_never_starts_with_a_blank_line():
    # Line 3 cannot complete line 1 (3 + 3 - 1 > 4 fields): line 1 is logged, the blank line
    # after it counted as blank, and line 3 starts the record that line 4 completes.
    recorder = Recorder(4, max_record_lines=10)
    recorder.feed(b"1\tx\ty", b"", b"a\tb\tc", b"d\te")
    assert recorder.errors == [1]
    assert recorder.assembler.blank_lines == 1
    assert recorder.records == [["a", "b", "c\nd", "e"]]


def test_lines_with_too_many_fields_go_to_the_repair_and_are_logged_when_it_declines():
    def repair(fields):
        # Joins the first two values back when the first is "keep"; declines otherwise.
        return ["\t".join(fields[:2]), *fields[2:]] if fields[0] == "keep" else None

    recorder = Recorder(3, max_record_lines=10, repair=repair)
    recorder.feed(b"1\tstart", b"keep\tthis\tx\ty", b"drop\tthis\tx\ty", b"2\ty\tz")
    assert recorder.records == [["keep\tthis", "x", "y"], ["2", "y", "z"]]
    # The waiting fragment (line 1) is logged first, then the declined line 3.
    assert recorder.errors == [1, 3]
    assembler = recorder.assembler
    assert (assembler.repaired_tab_records, assembler.repaired_records, assembler.rows) == (1, 0, 2)
