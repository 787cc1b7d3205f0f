from django.apps import AppConfig

from calaccess_raw.epochs import RAW_RELEASE, current_release_started
from django_commander.epochs import register_epoch


class CalAccessRawConfig(AppConfig):
    name = "calaccess_raw"
    label = "calaccess_raw"
    verbose_name = "CAL-ACCESS raw data"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        register_epoch(RAW_RELEASE, current_release_started)
