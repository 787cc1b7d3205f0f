from django.apps import AppConfig


class CalAccessBenchmarkConfig(AppConfig):
    """A developer's tool: the ready-to-use project installs it only with ``DEBUG`` on."""

    name = "calaccess_benchmark"
    label = "calaccess_benchmark"
    verbose_name = "CAL-ACCESS raw-data benchmark"
