"""The scrape steps; the base class of the three website scrapers is declared here, beside them.

It lives in the package, not in a command module, so that no command imports another, and not in
the ``scraping`` library, which does not import the framework's command classes.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, ClassVar

from calaccess_scraped.models import ScrapeRun
from calaccess_scraped.scraping.cli import add_scrape_options, client_for, summary, website_url
from django_commander.base import BasicCommand


class WebsiteScrapeCommand(BasicCommand):
    """A command that runs one scraper of the website with the scrape options."""

    abstract = True
    #: The scraper: ``scrape(client, base_url, flush=…, reporter=…)`` returning its tracking row.
    scrape: ClassVar[Callable[..., ScrapeRun]]

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        add_scrape_options(parser)

    def run(self) -> dict[str, Any]:
        run = self.scrape(
            client_for(self.options), website_url(), flush=self.options["flush"], reporter=self
        )
        return summary(run)
