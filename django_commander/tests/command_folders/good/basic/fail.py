from django_commander.base import BasicCommand


class Fail(BasicCommand):
    """Always fails."""

    def run(self):
        raise ValueError("this command always fails")
