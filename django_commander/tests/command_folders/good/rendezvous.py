import time
from pathlib import Path

from django_commander.base import BasicCommand


class Rendezvous(BasicCommand):
    """Note that this step started, then wait for another step of the same folder to start too:
    it meets it only if the two run at the same time."""

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("folder")
        parser.add_argument("side")
        parser.add_argument("--other", required=True)
        parser.add_argument("--seconds", type=float, default=10.0)

    def run(self):
        folder, side = Path(self.parameters["folder"]), self.parameters["side"]
        (folder / f"{side}.started").touch()
        other = folder / f"{self.options['other']}.started"
        deadline = time.monotonic() + self.options["seconds"]
        while not other.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        outcome = "met" if other.exists() else "alone"
        (folder / f"{side}.outcome").write_text(outcome)
        return outcome
