"""Load a retention contest for every scraped recall."""

from calaccess_processed.commands import CountedLoadCommand
from calaccess_processed.ocd.measures import load_retention_contests


class LoadOCDRetentionContests(CountedLoadCommand):
    """Load a retention contest for every scraped recall."""

    dependencies = [("load_ocd_ballot_measure_elections", {})]
    load = staticmethod(load_retention_contests)
    flush_help = "Delete every retention contest first."
    counted = "retention contest(s)"
