"""Merge the OCD people who share a CAL-ACCESS filer id, logging every merge."""

from calaccess_processed.ocd.people import merge_by_filer_id
from django_commander.base import BasicCommand


class MergeOCDPersonsByFilerId(BasicCommand):
    """Merge the OCD people who share a CAL-ACCESS filer id, logging every merge.

    No --flush: a merge is undone only by rebuilding the people (loadocdcandidatecontests
    --flush, which forgets the merge log too); a rerun finds nothing left to merge.
    """

    dependencies = [("load_ocd_candidate_contests", {})]

    def run(self) -> int:
        merged = merge_by_filer_id()
        self.say(f"{merged} person(s) merged by filer id.")
        return merged
