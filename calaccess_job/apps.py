from django.apps import AppConfig


class CalAccessJobConfig(AppConfig):
    """Installed after every app it orchestrates, which it alone may import."""

    name = "calaccess_job"
    label = "calaccess_job"
    verbose_name = "CAL-ACCESS nightly job"
