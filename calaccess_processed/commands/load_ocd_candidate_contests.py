"""Load a contest for every office of every placed candidate list, with its candidacies."""

from calaccess_processed.ocd.candidate_contests import Result, load_candidate_contests
from django_commander.base import BasicCommand


class LoadOCDCandidateContests(BasicCommand):
    """Load a contest for every office of every placed candidate list, with its candidacies.

    Posts come from the office names (Senate and Assembly districts as divisions), people from
    the candidates (one per filer id), parties from the package's party corrections.
    """

    dependencies = [("load_ocd_divisions", {}), ("load_ocd_parties", {})]

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Delete every candidate contest, candidacy and person without one first.",
        )

    def run(self) -> Result:
        result = load_candidate_contests(flush=self.options["flush"])
        self.say(
            f"{result.contest_count} contest(s), {result.candidacy_count} candidacies of "
            f"{result.person_count} people ({result.corrected_party_count} with a corrected "
            f"party); {result.unplaced_election_count} candidate list(s) had no election."
        )
        return result
