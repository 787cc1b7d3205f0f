"""Parties of candidates the website omits or gets wrong, from ``candidate_party_corrections.csv``.

Each row names a candidate as the candidate list prints them, the election's year and type, the
office and the party, and was checked against the source it cites.
"""

from __future__ import annotations

import csv
import functools

from calaccess_processed.data import data_file

CORRECTIONS_FILE = "candidate_party_corrections.csv"

CorrectionKey = tuple[str, int, str, str]


@functools.cache
def party_corrections() -> dict[CorrectionKey, str]:
    """(candidate name, year, election type, office) → party label."""
    with data_file(CORRECTIONS_FILE).open(newline="", encoding="utf-8") as stream:
        return {
            (row["candidate_name"], int(row["year"]), row["election_type"], row["office"]): row[
                "party"
            ]
            for row in csv.DictReader(stream)
        }
