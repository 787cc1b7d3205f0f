"""The ``date_elections`` step: date the candidate lists' elections from the incumbent lists."""

from __future__ import annotations

from calaccess_processed.elections.dates import date_candidate_elections
from django_commander.base import BasicCommand


class DateElections(BasicCommand):
    """Date each scraped candidate election when the incumbent lists leave a single date.

    Run after the scrape (the nightly job does): it reads both scraped lists and sets
    CandidateElection.date, clearing dates that are no longer certain.
    """

    def run(self) -> int:
        dated = date_candidate_elections()
        self.say(f"{dated} candidate elections dated from the incumbent lists.")
        return dated
