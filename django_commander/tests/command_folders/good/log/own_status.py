from django_commander.base import BasicCommand
from django_commander.log_connection import side_connection
from django_commander.models import CommandLog
from django_commander.recorder import log_alias


class OwnStatus(BasicCommand):
    """Report this run's log row as another connection sees it while the run goes on."""

    def run(self):
        with side_connection(log_alias()) as other:
            row = CommandLog.objects.using(other).filter(pk=self.run_log.pk).first()
            return row.status if row else "not visible"
