from pathlib import Path

from django_commander.base import BasicCommand


class ReadRendezvous(BasicCommand):
    """Read what one rendezvous step noted; it depends on that step."""

    dependencies = [
        (
            "rendezvous",
            {"folder": lambda parameters: parameters["folder"], "side": lambda p: p["side"]},
        )
    ]

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("folder")
        parser.add_argument("side")

    def run(self):
        folder = Path(self.parameters["folder"])
        return (folder / f"{self.parameters['side']}.outcome").read_text()
