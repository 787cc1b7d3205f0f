"""Load a ballot measure contest for every scraped measure that is not a recall."""

from calaccess_processed.ocd.measures import load_ballot_measure_contests
from django_commander.base import BasicCommand


class LoadOCDBallotMeasureContests(BasicCommand):
    """Load a ballot measure contest for every scraped measure that is not a recall."""

    dependencies = [("load_ocd_ballot_measure_elections", {})]

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--flush", action="store_true", help="Delete every ballot measure contest first."
        )

    def run(self) -> int:
        count = load_ballot_measure_contests(flush=self.options["flush"])
        self.say(f"{count} ballot measure contest(s).")
        return count
