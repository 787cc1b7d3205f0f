from django_commander.base import BasicCommand


class Echo(BasicCommand):
    """Repeat a word."""

    test_parameters = {"word": "test"}
    test_options = {"times": 1}

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("word", help="the word to repeat")
        parser.add_argument("--times", type=int, default=2, help="how many times")

    def run(self):
        self.say(f"echo {self.parameters['word']}")
        return self.parameters["word"] * self.options["times"]
