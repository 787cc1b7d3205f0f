from django.apps import AppConfig


class ExampleAppConfig(AppConfig):
    name = "django_commander.tests.example_app"
    label = "commander_example"
    default_auto_field = "django.db.models.BigAutoField"
