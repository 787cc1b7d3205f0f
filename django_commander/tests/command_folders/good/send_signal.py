from pathlib import Path

from django_commander.base import BasicCommand


class SendSignal(BasicCommand):
    """Write the signal file that await_signal waits for."""

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("folder")

    def run(self):
        (Path(self.parameters["folder"]) / "signal").touch()
        return "sent"
