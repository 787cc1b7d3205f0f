from pathlib import Path

from django_commander.base import BasicCommand


class ReadAwaited(BasicCommand):
    """Read what await_signal noted; it depends on await_signal for the same folder."""

    dependencies = [("await_signal", {"folder": lambda parameters: parameters["folder"]})]

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("folder")

    def run(self):
        return (Path(self.parameters["folder"]) / "awaited").read_text()
