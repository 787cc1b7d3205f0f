from pathlib import Path

from django_commander.base import BasicCommand


class FlakyStep(BasicCommand):
    """Fails while the marker file exists."""

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("marker")

    def run(self):
        if Path(self.parameters["marker"]).exists():
            raise RuntimeError("marker present")
        return "ok"
