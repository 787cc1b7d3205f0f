"""SQL that decodes a raw code into its meaning inside the set-based statements.

The meanings are few (at most some hundred codes per column), so each becomes one ``CASE``
expression with literals rather than a join: no lookup table to create, the same SQL on every
database.
"""

from __future__ import annotations

from collections.abc import Mapping


def text_literal(value: str) -> str:
    """``value`` as an SQL string literal that reads the same on every database."""
    if "\\" in value:
        # MySQL reads a backslash as an escape unless NO_BACKSLASH_ESCAPES is set.
        raise ValueError(f"a decoded value may not hold a backslash: {value!r}")
    return "'" + value.replace("'", "''") + "'"


def code_literal(code: str, numeric: bool) -> str:
    """A lookup code as the literal its raw column compares with."""
    if not numeric:
        return text_literal(code)
    if not code.lstrip("-").isdigit():
        raise ValueError(f"lookup code {code!r} of a numeric column is not a number")
    return str(int(code))


def case(expression: str, meanings: Mapping[str, str], numeric: bool, otherwise: str = "") -> str:
    """``CASE expression WHEN code THEN meaning … END`` (NULL, or ``otherwise``, for the rest)."""
    branches = " ".join(
        f"WHEN {code_literal(code, numeric)} THEN {text_literal(meaning)}"
        for code, meaning in meanings.items()
    )
    fallback = f" ELSE {otherwise}" if otherwise else ""
    return f"CASE {expression} {branches}{fallback} END"
