"""Load an OCD election for every scraped candidate list with a known date."""

from calaccess_processed.commands import CountedLoadCommand
from calaccess_processed.ocd.elections import load_candidate_elections


class LoadOCDCandidateElections(CountedLoadCommand):
    """Load an OCD election for every scraped candidate list with a known date."""

    dependencies = [("load_ocd_divisions", {})]
    load = staticmethod(load_candidate_elections)
    flush_help = "Forget the candidate lists' elections first."
    counted = "candidate list election(s) placed"
