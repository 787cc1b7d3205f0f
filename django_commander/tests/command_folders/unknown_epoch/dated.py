from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


class Dated(BasicCommand):
    dependencies = [Dependency("dated", since="no_such_epoch")]

    def run(self):
        return 0
