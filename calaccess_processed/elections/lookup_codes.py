"""Lookup codes of the raw export, read from the declared schema rather than typed in again.

Processing names a code (``12011``) and gets its meaning from
``calaccess_raw/schema/data/choices.csv``; a code the schema does not declare fails at import, so
a typo or a schema change is found at once, not as silently empty results.
"""

from __future__ import annotations

from calaccess_raw import schema
from calaccess_toolkit.errors import ToolkitError


class LookupCodeMissing(ToolkitError):
    """Processing relies on a lookup code the raw schema does not declare."""


def meaning(table: str, column: str, code: str) -> str:
    """The declared meaning of ``code`` in ``table.column``."""
    for choice in schema.load().table(table).field(column).choices:
        if choice.code == code:
            return choice.meaning
    raise LookupCodeMissing(
        f"{table}.{column} declares no lookup code {code!r} (calaccess_raw/schema/data/choices.csv)"
    )


def declared(table: str, column: str, code: str) -> str:
    """``code``, once checked to be a declared lookup code of ``table.column``."""
    meaning(table, column, code)
    return code
