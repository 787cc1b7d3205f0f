from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


class NeedsRecentEcho(BasicCommand):
    """Depends on basic_echo having run for the same word since the example epoch began."""

    dependencies = [
        Dependency(
            "basic_echo", {"word": lambda parameters: parameters["word"]}, since="example_epoch"
        )
    ]

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("word")

    def run(self):
        return f"after a recent echo {self.parameters['word']}"
