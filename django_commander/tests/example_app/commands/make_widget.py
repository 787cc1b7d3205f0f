from django_commander.base import BasicCommand

from ..models import Widget


class MakeWidget(BasicCommand):
    """Create or resize a widget (an app command, linked to its runs)."""

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("name")
        parser.add_argument("--size", type=int, default=1)

    def run(self):
        widget, _ = Widget.objects.get_or_create(name=self.parameters["name"])
        widget.size = self.options["size"]
        widget.save()
        return widget.pk
