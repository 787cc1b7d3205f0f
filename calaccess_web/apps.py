from django.apps import AppConfig


class CalAccessWebConfig(AppConfig):
    name = "calaccess_web"
    label = "calaccess_web"
    verbose_name = "CAL-ACCESS web"
