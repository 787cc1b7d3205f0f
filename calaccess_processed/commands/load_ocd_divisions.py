"""Load California's OCD divisions and the state's jurisdiction from the package's data."""

from calaccess_processed.ocd.divisions import load_divisions
from django_commander.base import BasicCommand


class LoadOCDDivisions(BasicCommand):
    """Load California's OCD divisions and the state's jurisdiction from the package's data.

    The divisions are reference data, updated in place (no network, no --flush: elections and
    posts point at them).
    """

    def run(self) -> int:
        count = load_divisions()
        self.say(f"{count} division(s).")
        return count
