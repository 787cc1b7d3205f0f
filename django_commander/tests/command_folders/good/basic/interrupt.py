from django_commander.base import BasicCommand


class Interrupt(BasicCommand):
    """Stops as if the user pressed Ctrl-C."""

    def run(self):
        raise KeyboardInterrupt
