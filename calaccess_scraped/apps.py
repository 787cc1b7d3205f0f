from django.apps import AppConfig


class CalAccessScrapedConfig(AppConfig):
    name = "calaccess_scraped"
    label = "calaccess_scraped"
    verbose_name = "CAL-ACCESS website data"
    default_auto_field = "django.db.models.BigAutoField"
