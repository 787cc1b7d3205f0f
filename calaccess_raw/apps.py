from django.apps import AppConfig


class CalAccessRawConfig(AppConfig):
    name = "calaccess_raw"
    label = "calaccess_raw"
    verbose_name = "CAL-ACCESS raw data"
    default_auto_field = "django.db.models.BigAutoField"
