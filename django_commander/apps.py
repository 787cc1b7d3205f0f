from django.apps import AppConfig


class DjangoCommanderConfig(AppConfig):
    name = "django_commander"
    label = "django_commander"
    verbose_name = "Command framework"
    default_auto_field = "django.db.models.BigAutoField"
