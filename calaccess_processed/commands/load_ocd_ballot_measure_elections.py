"""Load an OCD election for every election of the scraped measure lists."""

from calaccess_processed.ocd.elections import load_ballot_measure_elections
from django_commander.base import BasicCommand


class LoadOCDBallotMeasureElections(BasicCommand):
    """Load an OCD election for every election of the scraped measure lists."""

    dependencies = []

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--flush", action="store_true", help="Forget the measure lists' elections first."
        )

    def run(self) -> int:
        count = load_ballot_measure_elections(flush=self.options["flush"])
        self.say(f"{count} measure list election(s) placed.")
        return count
