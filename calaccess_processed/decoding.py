"""What a decoded field holds: lookup codes read from the raw schema, party names from the specs.

The processed models keep every raw code as filed and add its meaning beside it (Form 501's
office, district, jurisdiction, election type and party). The meanings are never typed in here:
they come from ``calaccess_raw/schema/data/choices.csv`` and, for party names written out in
free text, from ``specs/data/party_names.csv``.
"""

from __future__ import annotations

from calaccess_processed import specs
from calaccess_processed.specs import FieldSpec
from calaccess_raw import schema

#: The free-text column a ``party`` conversion falls back to when ``PARTY_CD`` says nothing.
PARTY_TEXT_COLUMN = "PARTY"
#: The lookup code of ``PARTY_CD`` that means "not applicable": the text decides instead.
PARTY_CODE_NOT_APPLICABLE = "0"


def meanings(table: str, column: str) -> dict[str, str]:
    """Each declared lookup code of ``table.column`` → its meaning (the first, if repeated)."""
    found: dict[str, str] = {}
    for choice in schema.load().table(table).field(column).choices:
        found.setdefault(choice.code, choice.meaning)
    if not found:
        raise ValueError(f"{table}.{column} declares no lookup codes to decode")
    return found


def party_code_meanings(table: str, column: str) -> dict[str, str]:
    """The party codes that name a party (every code but the not-applicable one)."""
    codes = meanings(table, column)
    codes.pop(PARTY_CODE_NOT_APPLICABLE, None)
    return codes


def max_length(field: FieldSpec, table: str) -> int:
    """The longest value a decoded field can hold, for its model field."""
    if field.conversion == "lookup":
        return max(len(meaning) for meaning in meanings(table, field.column).values())
    if field.conversion == "party":
        text = schema.load().table(table).field(PARTY_TEXT_COLUMN).db_max_length or 0
        names = [*meanings(table, field.column).values(), *specs.party_names().values()]
        return max(text, *(len(name) for name in names))
    raise ValueError(f"conversion {field.conversion!r} decodes nothing")
