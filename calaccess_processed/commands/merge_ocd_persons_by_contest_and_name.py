"""Merge the OCD people of one name in one contest, unless their filer ids differ."""

from calaccess_processed.ocd.people import merge_by_contest_and_name
from django_commander.base import BasicCommand


class MergeOCDPersonsByContestAndName(BasicCommand):
    """Merge the OCD people of one name in one contest, unless their filer ids differ.

    Their candidacies in the contest collapse into the certified one. No --flush, as for the
    merge by filer id: a rebuild of the people forgets the merge log.
    """

    dependencies = [("load_ocd_candidacies_from_501s", {})]

    def run(self) -> int:
        merged = merge_by_contest_and_name()
        self.say(f"{merged} person(s) merged by contest and name.")
        return merged
