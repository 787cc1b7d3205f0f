"""The ``verify_processed_data`` step: check the OCD tables against the scrape."""

from __future__ import annotations

from calaccess_processed.ocd.verification import Report, VerificationFailed, verify
from django_commander.base import BasicCommand


class VerifyProcessedData(BasicCommand):
    """Check the Open Civic Data tables against the scrape: the regular contests every election
    must have, Senate and Assembly districts, one person per filer id, no duplicate memberships,
    one incumbent per contest, every measure a contest, every candidate a candidacy.

    Reads the tables as they are, whichever steps filled them; fails (exit 1) listing one line
    per problem.
    """

    def run(self) -> Report:
        report = verify()
        for result in report.results:
            state = "ok" if result.passed else f"{len(result.failures)} problem(s)"
            self.say(f"{result.name}: {state}", level=2)
        if not report.passed:
            raise VerificationFailed(report.text())
        self.say(f"All {len(report.results)} checks passed.")
        return report
