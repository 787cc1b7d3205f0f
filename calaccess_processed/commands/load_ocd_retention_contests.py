"""Load a retention contest for every scraped recall, with the recalled membership."""

from calaccess_processed.commands import CountedLoadCommand
from calaccess_processed.ocd.recalls import load_retention_contests_and_memberships


class LoadOCDRetentionContests(CountedLoadCommand):
    """Load a retention contest for every scraped recall, with the recalled membership."""

    dependencies = [("load_ocd_ballot_measure_elections", {})]
    load = staticmethod(load_retention_contests_and_memberships)
    flush_help = "Delete every retention contest first."
    counted = "retention contest(s)"
