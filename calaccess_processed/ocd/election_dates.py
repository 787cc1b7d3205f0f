"""The date of a candidate election: the scraped date, then the table of special elections, then
the rules of regular elections.

The scraper keeps a date only when it is certain (see ``calaccess_processed.elections.dates``).
A special election or runoff the scrape cannot date (a session with specials on several days)
is looked up in the package's maintained table ``special_election_dates.csv``: one row per
candidate list the website names (year, type, district), with the date and the source it was
checked against. A regular GENERAL election is held, by statute (Elections Code § 1001), on the
first Tuesday after the first Monday of November of even years; the date of a regular PRIMARY
moved between March and June over the years, so it comes from the package's maintained table
``primary_election_dates.csv``. An election none of these dates has no date: the caller reports
it by name.
"""

from __future__ import annotations

import csv
import functools
from datetime import date, timedelta

from calaccess_processed.data import data_file
from calaccess_scraped.models import CandidateElection

PRIMARY_DATES_FILE = "primary_election_dates.csv"
SPECIAL_DATES_FILE = "special_election_dates.csv"
NOVEMBER = 11
TUESDAY = 1


@functools.cache
def primary_dates() -> dict[int, date]:
    with data_file(PRIMARY_DATES_FILE).open(newline="", encoding="utf-8") as stream:
        return {int(row["year"]): date.fromisoformat(row["date"]) for row in csv.DictReader(stream)}


@functools.cache
def special_dates() -> dict[tuple[int, str, str], date]:
    """(year, type, district) of a special candidate list → the day it was held."""
    with data_file(SPECIAL_DATES_FILE).open(newline="", encoding="utf-8") as stream:
        return {
            (int(row["year"]), row["type"], row["district"]): date.fromisoformat(row["date"])
            for row in csv.DictReader(stream)
        }


def general_election_date(year: int) -> date:
    """The first Tuesday after the first Monday of November."""
    first_monday = date(year, NOVEMBER, 1) + timedelta(
        days=(0 - date(year, NOVEMBER, 1).weekday()) % 7
    )
    return first_monday + timedelta(days=TUESDAY)


def session_of(year: int) -> int:
    """The first (odd) year of the Legislature's two-year session that ``year`` falls in."""
    return year if year % 2 else year - 1


def candidate_election_date(election: CandidateElection) -> date | None:
    """The election's date, or None when neither the scrape nor a rule gives one."""
    if election.date:
        return election.date
    if election.year is None:
        return None
    special = special_dates().get((election.year, election.type, election.seat))
    if special is not None:
        return special
    if election.type == "GENERAL" and election.year % 2 == 0:
        return general_election_date(election.year)
    if election.type == "PRIMARY":
        return primary_dates().get(election.year)
    return None
