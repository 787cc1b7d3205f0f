"""Derive which committees each candidate controls from the raw export's filer links."""

from calaccess_scraped.linking.candidate_committees import derive_candidate_committees
from calaccess_scraped.scraping.cli import website_url
from calaccess_scraped.scraping.recorder import recorded_scrape
from django_commander.base import BasicCommand


class ScrapeCandidateCommittees(BasicCommand):
    """Derive which committees each candidate controls from the raw export's filer links."""

    def run(self):
        base_url = website_url()
        with recorded_scrape(
            "candidate_committees", client=None, base_url=base_url, reporter=self
        ) as recorder:
            counts = derive_candidate_committees(base_url, reporter=self)
            recorder.saved(counts.saved)
        return {
            "scrape_run": recorder.run.pk,
            "links": counts.saved,
            "by_evidence": counts.by_evidence,
            "ambiguous": counts.ambiguous,
        }
