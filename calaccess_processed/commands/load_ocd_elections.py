"""Load the Open Civic Data elections: divisions, parties, elections, contests, people, holders."""

from collections.abc import Iterator
from typing import Literal

from django_commander.base import PipelineCommand, Step
from django_commander.graph import dependency_order
from django_commander.registry import commands

OnFailure = Literal["stop", "continue"]

#: The steps, in the order the issue lists them; the run orders them by their declared
#: dependencies (this order only breaks ties). The elections steps go on when some elections
#: had no date, so the contests of the others still load, and the pipeline then fails naming
#: what was left out.
OCD_STEPS: dict[str, OnFailure] = {
    "load_ocd_divisions": "stop",
    "load_ocd_parties": "stop",
    "load_ocd_ballot_measure_elections": "continue",
    "load_ocd_candidate_elections": "continue",
    "load_ocd_ballot_measure_contests": "continue",
    "load_ocd_retention_contests": "continue",
    "load_ocd_candidate_contests": "stop",
    "merge_ocd_persons_by_filer_id": "stop",
    "load_ocd_candidacies_from_501s": "stop",
    "merge_ocd_persons_by_contest_and_name": "stop",
    "load_ocd_incumbent_officeholders": "stop",
}
#: The steps without --flush: reference data, and merges (undone by rebuilding the people).
NOT_FLUSHED = frozenset(
    {"load_ocd_divisions", "merge_ocd_persons_by_filer_id", "merge_ocd_persons_by_contest_and_name"}
)


def step_order() -> list[str]:
    """The steps in the order their declared dependencies give."""
    return dependency_order(list(OCD_STEPS), commands)


class LoadOCDElections(PipelineCommand):
    """Load the Open Civic Data elections: divisions, parties, elections, contests, people, holders.

    Each step does its work at every verbosity; a rerun over the same data adds nothing.
    """

    step_commands = tuple(OCD_STEPS)

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument(
            "--flush", action="store_true", help="Rebuild every OCD table from the data."
        )

    def run(self):
        if self.options["flush"]:  # a rebuild runs every step, not just an interrupted run's rest
            self.options["force_restart"] = True
        return super().run()

    def steps(self) -> Iterator[Step]:
        flush = self.options["flush"]
        for name in step_order():
            options = {} if name in NOT_FLUSHED else {"flush": flush}
            yield Step(name, options=options, on_failure=OCD_STEPS[name])
