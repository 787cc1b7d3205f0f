from django.apps import AppConfig

from django_commander.epochs import register_epoch

from .epochs import EXAMPLE_EPOCH, example_epoch_began


class ExampleAppConfig(AppConfig):
    name = "django_commander.tests.example_app"
    label = "commander_example"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        register_epoch(EXAMPLE_EPOCH, example_epoch_began)
