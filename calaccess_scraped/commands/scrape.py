"""Scrape the CAL-ACCESS website: ballot measures, candidates and incumbents."""

from __future__ import annotations

from datetime import timedelta

from calaccess_scraped.scraping.cli import SCRAPE_OPTIONS, add_scrape_options
from calaccess_scraped.scraping.recorder import ScrapeIncomplete, ScrapesIncomplete
from calaccess_toolkit import conf
from django_commander.base import PipelineCommand, Step

WEBSITE_STEPS = ("scrape_propositions", "scrape_candidates", "scrape_incumbents")


class Scrape(PipelineCommand):
    """Scrape the CAL-ACCESS website: ballot measures, candidates and incumbents.

    A scraper that fails (some pages or all) does not stop the others: every step runs, then the
    pipeline fails naming the incomplete ones (exit code 3), and a re-run resumes with just those.
    Only the partial runs of the last CALACCESS_SCRAPE_RESUME_HOURS are resumed: the next night's
    run scrapes everything afresh.
    """

    #: A partial scrape's rerun repeats only the incomplete scrapers (within the time bound).
    resumes_failed = True
    step_commands = WEBSITE_STEPS

    @classmethod
    def add_arguments(cls, parser):
        add_scrape_options(parser)

    def resume_window(self) -> timedelta:
        """CALACCESS_SCRAPE_RESUME_HOURS: partial runs in a row form one attempt, so without a
        bound a page that fails every night would keep the scrapers that completed from ever
        running again. The bound is on the runs, not on the attempt's first one: after a fresh
        start, a rerun within the window resumes it."""
        return timedelta(hours=float(conf.get("CALACCESS_SCRAPE_RESUME_HOURS")))

    def steps(self):
        options = {name: self.options[name] for name in SCRAPE_OPTIONS}
        for name in WEBSITE_STEPS:
            yield Step(name, options=options, on_failure="continue")

    def steps_failed(self, failures):
        """Name the incomplete scrapes and their pages when that is all that went wrong."""
        errors = [error for _, error in failures]
        if all(isinstance(error, ScrapeIncomplete) for error in errors):
            return ScrapesIncomplete(errors)
        return super().steps_failed(failures)
