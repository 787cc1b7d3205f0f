from django_commander.base import BasicCommand

from ...models import Widget


class CountWidgets(BasicCommand):
    """Count the widgets (named after its sub-package: nested_count_widgets)."""

    def run(self):
        return Widget.objects.count()
