"""Load a retention contest for every scraped recall."""

from calaccess_processed.ocd.measures import load_retention_contests
from django_commander.base import BasicCommand


class LoadOCDRetentionContests(BasicCommand):
    """Load a retention contest for every scraped recall."""

    dependencies = [("load_ocd_ballot_measure_elections", {})]

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--flush", action="store_true", help="Delete every retention contest first."
        )

    def run(self) -> int:
        count = load_retention_contests(flush=self.options["flush"])
        self.say(f"{count} retention contest(s).")
        return count
