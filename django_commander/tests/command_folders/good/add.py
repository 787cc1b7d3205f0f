from django_commander.base import BasicCommand


class Add(BasicCommand):
    """Add two integers (typed parameters)."""

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("left", type=int)
        parser.add_argument("right", type=int)

    def run(self):
        return self.parameters["left"] + self.parameters["right"]
