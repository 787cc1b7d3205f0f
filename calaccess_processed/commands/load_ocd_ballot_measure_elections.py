"""Load an OCD election for every election of the scraped measure lists."""

from calaccess_processed.commands import CountedLoadCommand
from calaccess_processed.ocd.elections import load_ballot_measure_elections


class LoadOCDBallotMeasureElections(CountedLoadCommand):
    """Load an OCD election for every election of the scraped measure lists."""

    dependencies = [("load_ocd_divisions", {})]
    load = staticmethod(load_ballot_measure_elections)
    flush_help = "Forget the measure lists' elections first."
    counted = "measure list election(s) placed"
