from django_commander.base import BasicCommand
from django_commander.current import current_run_id
from django_commander.tests.example_app.models import Reading


class BulkReadings(BasicCommand):
    """Write readings in one bulk INSERT, each carrying the run's id in a plain column."""

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("count", type=int)

    def run(self):
        run_id = current_run_id()
        rows = [Reading(value=n, run_id=run_id) for n in range(self.parameters["count"])]
        return len(Reading.objects.bulk_create(rows))
