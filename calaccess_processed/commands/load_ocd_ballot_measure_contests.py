"""Load a ballot measure contest for every scraped measure that is not a recall."""

from calaccess_processed.commands import CountedLoadCommand
from calaccess_processed.ocd.measures import load_ballot_measure_contests


class LoadOCDBallotMeasureContests(CountedLoadCommand):
    """Load a ballot measure contest for every scraped measure that is not a recall."""

    dependencies = [("load_ocd_ballot_measure_elections", {})]
    load = staticmethod(load_ballot_measure_contests)
    flush_help = "Delete every ballot measure contest first."
    counted = "ballot measure contest(s)"
