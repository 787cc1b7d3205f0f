"""How a text value of the cleaned CSV becomes a typed value: the loader's typing rules.

One rule per stored type, the same on every database:

- **Blank** (empty or only spaces) in any non-text column is NULL: an unknown amount, date or
  number, never 0.
- **Integers** may carry surrounding spaces (``"90034    "``). The export also puts yes/no flags in
  columns documented as integers (``CONTROL_YN``, ``TYPE_TV``…); the one rule for them is
  ``Y``/``X`` (yes, a ticked box) → 1 and ``N`` → 0, in either case. Anything else that is not a
  whole number in the 32-bit range is an error.
- **Decimals** are rounded half away from zero to the column's places (as PostgreSQL and MySQL do);
  too many digits before the point is an error.
- **Floats** must be finite numbers.
- **Dates** are ``M/D/YYYY``, optionally followed by a time (``3/23/1998 12:00:00 AM``; the time is
  dropped), or ISO ``YYYY-MM-DD``. A two-digit year is read as PostgreSQL reads it (00–69 → 2000s,
  70–99 → 1900s). Impossible dates are errors; improbable ones (year 0209, 5201) are kept as
  written: the raw layer does not guess what the filer meant.
- **Date-times** have the same spellings with the time kept. They are California local time and
  are stored in UTC (the way Django stores aware date-times), written ``YYYY-MM-DD HH:MM:SS``.
- **Text** is stored as written (``''`` when blank). A value longer than its column is an error.

A value that breaks its rule is logged and stored empty (NULL, or ``''`` for text); the rest of its
row loads. See :mod:`calaccess_raw.loading.rows`.

PostgreSQL types clean files itself (:mod:`calaccess_raw.loading.postgresql`), so these rules read
every spelling the export uses exactly as PostgreSQL does. Accepting more than PostgreSQL
(``int()`` reads ``1_000``) is harmless: such a file takes the Python path there too.

Converters return ``None`` for NULL, ``int`` for integers, ``float`` for floats and canonical
strings for the rest; :mod:`calaccess_raw.loading.columns` may pass plain integers and numbers on
as their text. Every database parses either the same way.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from calaccess_raw.schema import Field

CALIFORNIA = ZoneInfo("America/Los_Angeles")
UTC = ZoneInfo("UTC")

INTEGER_RANGE = (-(2**31), 2**31 - 1)
FLAGS = {"Y": 1, "y": 1, "X": 1, "x": 1, "N": 0, "n": 0}

_US_DATE = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})"
    r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?"
).fullmatch
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?").fullmatch

Converter = Callable[[str], object]


class BadValue(ValueError):
    """A value breaks its column's rule; the message is the reason logged."""


def to_integer(text: str) -> int | None:
    try:
        number = int(text)  # also takes spaces around the digits
    except ValueError:
        text = text.strip()
        if not text:
            return None
        if text in FLAGS:
            return FLAGS[text]
        raise BadValue("not an integer") from None
    if not INTEGER_RANGE[0] <= number <= INTEGER_RANGE[1]:
        raise BadValue("integer out of range")
    return number


def to_float(text: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise BadValue("not a number") from None
    if not math.isfinite(number):
        raise BadValue("not a number")
    return number


def decimal_pattern(max_digits: int, decimal_places: int) -> str:
    """A regular expression of the decimals that fit the column as written (ASCII digits only)."""
    whole_digits = max_digits - decimal_places
    return rf"-?[0-9]{{1,{whole_digits}}}(?:\.[0-9]{{0,{decimal_places}}})?"


def decimal_converter(max_digits: int, decimal_places: int) -> Converter:
    """A converter to a decimal of ``max_digits`` digits, ``decimal_places`` after the point."""
    whole_digits = max_digits - decimal_places
    already_fits = re.compile(decimal_pattern(max_digits, decimal_places)).fullmatch
    quantum = Decimal(1).scaleb(-decimal_places)
    #: Enough precision to round any value that passed the size check (default context: 28).
    rounding = Context(prec=max_digits + 1, rounding=ROUND_HALF_UP)

    def to_decimal(text: str) -> str | None:
        if already_fits(text):
            return text
        text = text.strip()
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise BadValue("not a decimal number") from None
        if not number.is_finite():
            raise BadValue("not a decimal number")
        # Checked before and after rounding: before, so that a huge value cannot overflow the
        # rounding's precision; after, because rounding can carry into one more digit (…9.995).
        if number and number.adjusted() >= whole_digits:
            raise BadValue(f"more than {whole_digits} digits before the point")
        number = number.quantize(quantum, context=rounding)
        if number and number.adjusted() >= whole_digits:
            raise BadValue(f"more than {whole_digits} digits before the point")
        return str(number)

    return to_decimal


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _parse(text: str) -> datetime | None:
    """Read a date or date-time spelling; None when blank."""
    text = text.strip()
    if not text:
        return None
    match = _US_DATE(text)
    if match:
        month, day, year, hour, minute, second, meridiem = match.groups()
        year_number = _full_year(year)
    else:
        match = _ISO_DATE(text)
        if not match:
            raise BadValue("not a date")
        year, month, day, hour, minute, second = match.groups()
        meridiem = None
        year_number = int(year)
    hours = int(hour or 0)
    if meridiem:
        if not 1 <= hours <= 12:
            raise BadValue("not a date")
        hours = hours % 12 + (12 if meridiem.upper() == "PM" else 0)
    try:
        return datetime(
            year_number, int(month), int(day), hours, int(minute or 0), int(second or 0)
        )
    except ValueError:
        raise BadValue("not a date") from None


@functools.lru_cache(maxsize=1 << 16)  # dates repeat; parsing them is the dearest typing step
def to_date(text: str) -> str | None:
    moment = _parse(text)
    return None if moment is None else moment.date().isoformat()


@functools.lru_cache(maxsize=1 << 16)
def to_datetime(text: str) -> str | None:
    moment = _parse(text)
    if moment is None:
        return None
    try:
        moment = moment.replace(tzinfo=CALIFORNIA).astimezone(UTC)
    except OverflowError:
        raise BadValue("date-time out of range") from None
    return moment.replace(tzinfo=None).isoformat(sep=" ")


def converter(field: Field) -> Converter | None:
    """The converter of a non-text column (text columns need none but a length check)."""
    if field.is_text:
        return None
    if field.type == "IntegerField":
        return to_integer
    if field.type == "FloatField":
        return to_float
    if field.type == "DecimalField":
        assert field.max_digits is not None and field.decimal_places is not None
        return decimal_converter(field.max_digits, field.decimal_places)
    if field.type == "DateField":
        return to_date
    if field.type == "DateTimeField":
        return to_datetime
    raise ValueError(f"{field.table}.{field.column}: no converter for {field.type}")


def canonical(field: Field, value: object) -> object:
    """A converted value as Django returns it from the database (for comparisons)."""
    if value is None or field.is_text:
        return value
    if field.type == "IntegerField":
        return int(value)  # type: ignore[call-overload]
    if field.type == "FloatField":
        return float(value)  # type: ignore[arg-type]
    if field.type == "DecimalField":
        return Decimal(str(value))
    if field.type == "DateField":
        return date.fromisoformat(str(value))
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)
