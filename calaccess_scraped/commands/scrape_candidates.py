"""Scrape the certified candidates of every election from the CAL-ACCESS website."""

from calaccess_scraped.scraping.candidates import scrape_candidates
from calaccess_scraped.scraping.cli import add_scrape_options, client_for, summary, website_url
from django_commander.base import BasicCommand


class ScrapeCandidates(BasicCommand):
    """Scrape the certified candidates of every election from the CAL-ACCESS website."""

    @classmethod
    def add_arguments(cls, parser):
        add_scrape_options(parser)

    def run(self):
        run = scrape_candidates(
            client_for(self.options), website_url(), flush=self.options["flush"], reporter=self
        )
        return summary(run)
