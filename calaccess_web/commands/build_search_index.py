"""The ``build_search_index`` step: the browser's search entries and full-text index."""

from __future__ import annotations

from calaccess_raw.epochs import RAW_RELEASE
from calaccess_web.search.documents import build_search_index
from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


class BuildSearchIndex(BasicCommand):
    """Rebuild the search of filers, committees, candidates and measures from the processed data.

    It reads the processed filings of the current raw release, so it runs after load_filings;
    the OCD elections it reads as they stand (a processing run that ended partial, on a special
    election without a known date, still leaves filings and elections worth searching).
    """

    dependencies = [Dependency("load_filings", {}, since=RAW_RELEASE)]

    def run(self) -> dict[str, int]:
        counts = build_search_index()
        self.say(", ".join(f"{count:,} {kind} entries" for kind, count in sorted(counts.items())))
        return counts
