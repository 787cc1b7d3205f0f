"""Facts the processed app needs at run time, carried as package data (no network).

``ocd_divisions.csv``: California's Open Civic Data divisions (id, name, redirect), from the OCD
division identifiers. ``candidate_party_corrections.csv``: parties of candidates the website and
Form 501s get wrong, each checked against the source it names. ``primary_election_dates.csv`` and
``special_election_dates.csv``: the days of regular primaries and of the special elections the
scrape cannot date, each special one with the source its date was checked against.
"""

from pathlib import Path

DATA_DIR = Path(__file__).parent


def data_file(name: str) -> Path:
    """The path of one of the package's data files."""
    return DATA_DIR / name
