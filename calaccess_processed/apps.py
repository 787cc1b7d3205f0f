from django.apps import AppConfig


class CalAccessProcessedConfig(AppConfig):
    name = "calaccess_processed"
    label = "calaccess_processed"
    verbose_name = "CAL-ACCESS processed data"
    default_auto_field = "django.db.models.BigAutoField"
