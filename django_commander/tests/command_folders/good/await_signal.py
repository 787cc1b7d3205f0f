import time
from pathlib import Path

from django_commander.base import BasicCommand


class AwaitSignal(BasicCommand):
    """Wait for a signal file that a later step writes; note whether it came in time."""

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("folder")
        parser.add_argument("--seconds", type=float, default=10.0)

    def run(self):
        folder = Path(self.parameters["folder"])
        deadline = time.monotonic() + self.options["seconds"]
        while not (folder / "signal").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        outcome = "saw the signal" if (folder / "signal").exists() else "timed out"
        (folder / "awaited").write_text(outcome)
        return outcome
