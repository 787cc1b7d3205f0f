"""Scrape the certified candidates of every election from the CAL-ACCESS website."""

from calaccess_scraped.commands import WebsiteScrapeCommand
from calaccess_scraped.scraping.candidates import scrape_candidates


class ScrapeCandidates(WebsiteScrapeCommand):
    """Scrape the certified candidates of every election from the CAL-ACCESS website."""

    scrape = staticmethod(scrape_candidates)
