from django_commander.base import BasicCommand


class NeedsEcho(BasicCommand):
    """Depends on basic_echo having run for the same word."""

    dependencies = [("basic_echo", {"word": lambda parameters: parameters["word"]})]

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("word")

    def run(self):
        return f"after echo {self.parameters['word']}"
