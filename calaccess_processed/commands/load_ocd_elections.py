"""Load the Open Civic Data elections: divisions, parties, elections, contests, officeholders."""

from collections.abc import Iterator
from typing import Literal

from django_commander.base import PipelineCommand, Step

OnFailure = Literal["stop", "continue"]

#: In dependency order; the elections steps go on when some elections had no date, so the
#: contests of the others still load, and the pipeline then fails naming what was left out.
OCD_STEPS: tuple[tuple[str, OnFailure], ...] = (
    ("load_ocd_divisions", "stop"),
    ("load_ocd_parties", "stop"),
    ("load_ocd_ballot_measure_elections", "continue"),
    ("load_ocd_ballot_measure_contests", "continue"),
    ("load_ocd_retention_contests", "continue"),
    ("load_ocd_candidate_elections", "continue"),
    ("load_ocd_candidate_contests", "stop"),
    ("load_ocd_incumbent_officeholders", "stop"),
)
FLUSHED = frozenset(name for name, _ in OCD_STEPS) - {"load_ocd_divisions"}


class LoadOCDElections(PipelineCommand):
    """Load the Open Civic Data elections: divisions, parties, elections, contests, officeholders.

    Each step does its work at every verbosity; a rerun over the same scrape adds nothing.
    """

    step_commands = tuple(name for name, _ in OCD_STEPS)

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--flush", action="store_true", help="Rebuild every OCD table from the scrape."
        )

    def run(self):
        if self.options["flush"]:  # a rebuild runs every step, not just an interrupted run's rest
            self.options["force_restart"] = True
        return super().run()

    def steps(self) -> Iterator[Step]:
        flush = self.options["flush"]
        for name, on_failure in OCD_STEPS:
            options = {"flush": flush} if name in FLUSHED else {}
            yield Step(name, options=options, on_failure=on_failure)
