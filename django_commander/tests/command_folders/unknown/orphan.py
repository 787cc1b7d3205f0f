from django_commander.base import BasicCommand


class Orphan(BasicCommand):
    dependencies = [("does_not_exist", {})]

    def run(self):
        return 0
