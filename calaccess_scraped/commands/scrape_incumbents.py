"""Scrape each session's election dates and incumbents from the CAL-ACCESS website."""

from calaccess_scraped.scraping.cli import add_scrape_options, client_for, summary, website_url
from calaccess_scraped.scraping.incumbents import scrape_incumbents
from django_commander.base import BasicCommand


class ScrapeIncumbents(BasicCommand):
    """Scrape each session's election dates and incumbents from the CAL-ACCESS website."""

    @classmethod
    def add_arguments(cls, parser):
        add_scrape_options(parser)

    def run(self):
        run = scrape_incumbents(
            client_for(self.options), website_url(), flush=self.options["flush"], reporter=self
        )
        return summary(run)
