"""Lossless decoding of CAL-ACCESS bytes: UTF-8 where valid, Windows-1252 otherwise.

One rule for every reader of the state's bytes: the raw cleaner decodes each field of the export
by it, the scraper each page of the website. The export mixes encodings: most text is ASCII or
valid UTF-8, but some values were typed on Windows machines and arrive as single Windows-1252
bytes (``\\xe9`` for é, ``\\x93``/``\\x94`` for curly quotes). The rule, decided per field:

* a field that is valid UTF-8 is decoded as UTF-8 (``\\xc3\\xa9`` stays é, it does not become Ã©);
* any other field is decoded byte by byte as Windows-1252. Five bytes have no character in
  Windows-1252 (``0x81 0x8D 0x8F 0x90 0x9D``); they become the C1 control characters with the same
  number (U+0081 …), exactly as Latin-1 decodes them, so no byte is ever lost or replaced.

Deciding per field rather than per line keeps a valid UTF-8 name intact even when another field of
the same row holds a Windows-1252 byte. A whole line that is valid UTF-8 is decoded in one call.
"""

from __future__ import annotations

_C1_RANGE = range(0x80, 0xA0)


def _cp1252_over_latin1() -> dict[int, str]:
    """Where Windows-1252 differs from Latin-1: 0x80–0x9F, minus the five undefined bytes."""
    table = {}
    for byte in _C1_RANGE:
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue  # undefined in Windows-1252: keep Latin-1's C1 control character
    return table


_CP1252_FIXES = str.maketrans(_cp1252_over_latin1())


def decode_cp1252(raw: bytes) -> str:
    """Decode Windows-1252 without loss: its five undefined bytes become C1 controls."""
    return raw.decode("latin-1").translate(_CP1252_FIXES)


def decode_field(raw: bytes) -> str:
    """Decode one field: UTF-8 if it is valid UTF-8, otherwise lossless Windows-1252."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_cp1252(raw)


def decode_text(raw: bytes) -> str:
    """Decode a whole text (a web page) by the same rule, after dropping a UTF-8 byte-order mark.

    The website declares windows-1252 but serves UTF-8, so its declared charset is never read.
    """
    return decode_field(raw.removeprefix(b"\xef\xbb\xbf"))


def decode_fields(line: bytes) -> list[str]:
    """Split one tab-separated line into decoded fields (one decode call when valid UTF-8)."""
    try:
        return line.decode("utf-8").split("\t")
    except UnicodeDecodeError:
        return [decode_field(field) for field in line.split(b"\t")]


def decode_line(line: bytes) -> str:
    """Decode a whole line by the same per-field rule, tabs kept (for the error log)."""
    return "\t".join(decode_fields(line))
