"""Load a party organization for every party of the raw schema's party lookup codes."""

from calaccess_processed.models.ocd import Organization
from calaccess_processed.ocd.parties import load_parties
from django_commander.base import BasicCommand


class LoadOCDParties(BasicCommand):
    """Load a party organization for every party of the raw schema's party lookup codes.

    INDEPENDENT, NON PARTISAN, N/A and NONE become one party, NO PARTY PREFERENCE.
    """

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--flush", action="store_true", help="Delete every party first (candidacies keep none)."
        )

    def run(self) -> int:
        if self.options["flush"]:
            Organization.objects.filter(classification="party").delete()
        count = load_parties()
        self.say(f"{count} part(ies).")
        return count
