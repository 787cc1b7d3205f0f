"""Scrape each session's election dates and incumbents from the CAL-ACCESS website."""

from calaccess_scraped.commands import WebsiteScrapeCommand
from calaccess_scraped.scraping.incumbents import scrape_incumbents


class ScrapeIncumbents(WebsiteScrapeCommand):
    """Scrape each session's election dates and incumbents from the CAL-ACCESS website."""

    scrape = staticmethod(scrape_incumbents)
