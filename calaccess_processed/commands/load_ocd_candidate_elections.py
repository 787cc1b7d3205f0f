"""Load an OCD election for every scraped candidate list with a known date."""

from calaccess_processed.ocd.elections import load_candidate_elections
from django_commander.base import BasicCommand


class LoadOCDCandidateElections(BasicCommand):
    """Load an OCD election for every scraped candidate list with a known date."""

    dependencies = []

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--flush", action="store_true", help="Forget the candidate lists' elections first."
        )

    def run(self) -> int:
        count = load_candidate_elections(flush=self.options["flush"])
        self.say(f"{count} candidate list election(s) placed.")
        return count
