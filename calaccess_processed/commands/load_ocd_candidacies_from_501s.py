"""Join or add a candidacy for every Form 501 of a placed contest, filling missing parties."""

from calaccess_processed.ocd.form501s import Result, load_candidacies_from_501s
from django_commander.base import BasicCommand


class LoadOCDCandidaciesFrom501s(BasicCommand):
    """Join or add a candidacy for every Form 501 of a placed contest, filling missing parties.

    A 501 is matched to a contest by its filer id first, then by the candidate's name; it keeps
    its filing ids and the earliest filed date on the candidacy (see ``ocd.form501s``).
    """

    dependencies = [("load_filings", {}), ("merge_ocd_persons_by_filer_id", {})]

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Delete the candidacies of 501s only, and what 501s added to the others, first.",
        )

    def run(self) -> Result:
        result = load_candidacies_from_501s(flush=self.options["flush"])
        self.say(
            f"{result.joined_count} candidacies joined by Form 501s, {result.added_count} added "
            f"from them ({result.party_filled_count} with the 501's party); "
            f"{result.unmatched_count} 501(s) matched no placed contest."
        )
        return result
