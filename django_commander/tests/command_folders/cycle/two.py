from django_commander.base import BasicCommand


class Two(BasicCommand):
    dependencies = [("one", {})]

    def run(self):
        return 2
