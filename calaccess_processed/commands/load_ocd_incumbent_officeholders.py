"""Load the officeholders of every scraped session: memberships and incumbent flags."""

from calaccess_processed.ocd.incumbents import Result, load_incumbent_officeholders
from django_commander.base import BasicCommand


class LoadOCDIncumbentOfficeholders(BasicCommand):
    """Load the officeholders of every scraped session: memberships and incumbent flags."""

    dependencies = [("merge_ocd_persons_by_contest_and_name", {})]

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--flush", action="store_true", help="Delete every membership and incumbent flag first."
        )

    def run(self) -> Result:
        result = load_incumbent_officeholders(flush=self.options["flush"])
        self.say(
            f"{result.membership_count} membership(s); {result.incumbent_candidacy_count} "
            "incumbent candidacies."
        )
        return result
