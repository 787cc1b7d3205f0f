"""Scrape ballot measures, their elections and committees from the CAL-ACCESS website."""

from calaccess_scraped.commands import WebsiteScrapeCommand
from calaccess_scraped.scraping.propositions import scrape_propositions


class ScrapePropositions(WebsiteScrapeCommand):
    """Scrape ballot measures, their elections and committees from the CAL-ACCESS website."""

    scrape = staticmethod(scrape_propositions)
