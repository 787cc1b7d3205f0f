"""What an election's name on the site says about it: year, type, seat and date.

The candidate lists name elections "2001 SPECIAL ELECTION (ASSEMBLY 65)"; the measure lists name
them "NOVEMBER 7, 2000, GENERAL"; the incumbent lists give "SPECIAL ELECTION RUNOFF" with a date
such as "Tuesday, 4/29/25". A name that does not follow its pattern keeps its parts empty rather
than failing: the name itself is always kept verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_YEAR_FIRST = re.compile(r"^(?P<year>\d{4})\s+(?P<type>[^(]+?)\s*(?:\((?P<seat>[^)]*)\))?$")
_DATE_FIRST = re.compile(r"^(?P<date>[A-Z]+ \d{1,2}, \d{4}),\s*(?P<type>.+)$", re.IGNORECASE)
_SHORT_DATE = re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{2}(?:\d{2})?)$")


@dataclass(frozen=True)
class ElectionName:
    """The parts of an election name; ``None`` where the name does not say."""

    year: int | None
    type: str
    seat: str
    date: date | None


def parse_candidate_election_name(name: str) -> ElectionName:
    """'2001 SPECIAL ELECTION (ASSEMBLY 65)' -> 2001, 'SPECIAL ELECTION', 'ASSEMBLY 65'."""
    match = _YEAR_FIRST.match(name)
    if match is None:
        return ElectionName(year=None, type="", seat="", date=None)
    return ElectionName(
        year=int(match["year"]), type=match["type"], seat=match["seat"] or "", date=None
    )


def parse_measure_election_name(name: str) -> ElectionName:
    """'NOVEMBER 7, 2000, GENERAL' -> 2000-11-07, 'GENERAL'."""
    match = _DATE_FIRST.match(name)
    if match is None:
        return ElectionName(year=None, type="", seat="", date=None)
    try:
        day = datetime.strptime(match["date"].title(), "%B %d, %Y").date()
    except ValueError:
        return ElectionName(year=None, type=match["type"], seat="", date=None)
    return ElectionName(year=day.year, type=match["type"], seat="", date=day)


def parse_short_date(value: str, near_year: int) -> date | None:
    """'4/29/25' -> 2025-04-29, the two-digit year taken in the century closest to ``near_year``."""
    match = _SHORT_DATE.search(value.strip())
    if match is None:
        return None
    year = int(match["year"])
    if year < 100:
        year = min(
            (century + year for century in (1900, 2000, 2100)),
            key=lambda candidate: abs(candidate - near_year),
        )
    try:
        return date(year, int(match["month"]), int(match["day"]))
    except ValueError:
        return None
