"""The ``link_candidate_committees`` step: which committees each candidate controls."""

from __future__ import annotations

from typing import Any

from calaccess_processed.elections.candidate_committees import derive_candidate_committees
from calaccess_scraped.scraping.cli import website_url
from django_commander.base import BasicCommand


class LinkCandidateCommittees(BasicCommand):
    """Derive which committees each candidate controls from the raw export's filer links.

    The links come from FILER_LINKS_CD; the scraped candidate and incumbent lists help tell the
    candidate from the committee, so the nightly job runs this after the scrape.
    """

    def run(self) -> dict[str, Any]:
        counts = derive_candidate_committees(website_url(), reporter=self)
        return {
            "links": counts.saved,
            "by_evidence": counts.by_evidence,
            "ambiguous": counts.ambiguous,
        }
