"""Scrape the certified candidates of every election from the CAL-ACCESS website."""

from calaccess_scraped.scraping.candidates import scrape_candidates
from calaccess_scraped.scraping.cli import WebsiteScrapeCommand


class ScrapeCandidates(WebsiteScrapeCommand):
    """Scrape the certified candidates of every election from the CAL-ACCESS website."""

    scrape = staticmethod(scrape_candidates)
