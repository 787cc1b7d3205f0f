"""Scrape the CAL-ACCESS website: ballot measures, candidates and incumbents."""

from calaccess_scraped.scraping.cli import SCRAPE_OPTIONS, add_scrape_options
from calaccess_scraped.scraping.recorder import ScrapeIncomplete, ScrapesIncomplete
from django_commander.base import PipelineCommand, Step

WEBSITE_STEPS = ("scrape_propositions", "scrape_candidates", "scrape_incumbents")


class Scrape(PipelineCommand):
    """Scrape the CAL-ACCESS website: ballot measures, candidates and incumbents.

    A scraper that could not fetch some pages does not stop the others: every step runs, then the
    pipeline fails naming the incomplete ones, and a re-run resumes with just those.
    """

    @classmethod
    def add_arguments(cls, parser):
        add_scrape_options(parser)

    def steps(self):
        options = {name: self.options[name] for name in SCRAPE_OPTIONS}
        for name in WEBSITE_STEPS:
            yield Step(name, options=options)

    def call(self, name, *parameters, **options):
        try:
            return super().call(name, *parameters, **options)
        except ScrapeIncomplete as error:
            self.say(str(error))
            self.incomplete.append(error)
            return None

    def run(self):
        self.incomplete = []
        results = super().run()
        if self.incomplete:
            raise ScrapesIncomplete(self.incomplete)
        return results
