from django_commander.base import BasicCommand


class One(BasicCommand):
    dependencies = [("two", {})]

    def run(self):
        return 1
