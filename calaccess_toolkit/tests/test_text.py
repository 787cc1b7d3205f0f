"""The one decoding rule: UTF-8 where valid, else lossless Windows-1252 (per field or page)."""

from __future__ import annotations

import pytest

from calaccess_toolkit.text import (
    decode_cp1252,
    decode_field,
    decode_fields,
    decode_line,
    decode_text,
)


def test_valid_utf8_stays_utf8():
    assert decode_field("José €".encode()) == "José €"


def test_other_bytes_are_windows_1252():
    assert decode_field(b"Caf\xe9 \x93quoted\x94 \x80 \x85") == "Café “quoted” € …"


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_bytes_undefined_in_windows_1252_become_c1_controls(byte):
    assert decode_cp1252(bytes([byte])) == chr(byte)


def test_every_byte_decodes_to_one_character_and_back():
    every_byte = bytes(range(256))
    text = decode_cp1252(every_byte)
    assert len(text) == 256
    assert "\ufffd" not in text
    assert bytes(ord(c) if ord(c) < 256 else c.encode("cp1252")[0] for c in text) == every_byte


def test_encoding_is_decided_per_field():
    assert decode_fields("José".encode() + b"\tCaf\xe9\t") == ["José", "Café", ""]


def test_a_field_with_a_stray_byte_is_windows_1252_as_a_whole():
    # "Ã©" typed in Windows-1252 next to a lone é byte: the field is not UTF-8, so both stay 1252.
    assert decode_field(b"\xc3\xa9\xe9") == "Ã©é"


def test_decode_line_keeps_tabs():
    assert decode_line(b"a\t\xe9\tb") == "a\té\tb"


def test_a_page_decodes_by_the_same_rule_without_its_byte_order_mark():
    assert decode_text(b"\xef\xbb\xbfJOS\xc3\x89") == "JOSÉ"
    # One undefined Windows-1252 byte no longer sends the whole page to Latin-1: the curly
    # quotes around it stay quotes, the undefined byte its C1 control.
    assert decode_text(b"\x93A\x81B\x94") == "\u201cA\x81B\u201d"
