"""One row per scrape: when it ran, with which options, and what it fetched or failed to."""

from django.db import models


class ScrapeRun(models.Model):
    """A run of one scraper (propositions, candidates, incumbents or candidate committees)."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        INCOMPLETE = "incomplete", "Finished with failed pages"
        FAILED = "failed", "Failed"

    scraper = models.CharField(max_length=40, db_index=True)
    base_url = models.CharField(max_length=200, blank=True)
    options = models.JSONField(default=dict, blank=True, help_text="flush, force_download…")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RUNNING)
    pages_fetched = models.PositiveIntegerField(default=0, help_text="Downloaded from the site.")
    pages_from_cache = models.PositiveIntegerField(default=0)
    pages_failed = models.PositiveIntegerField(default=0)
    requests = models.PositiveIntegerField(default=0, help_text="HTTP requests sent, HEAD too.")
    rows_saved = models.PositiveIntegerField(default=0)
    failures = models.JSONField(
        default=list, blank=True, help_text="One {url, error} per page that could not be scraped."
    )
    error = models.TextField(blank=True, help_text="Why the run stopped, when it did.")
    host = models.CharField(max_length=255, blank=True, help_text="The machine that ran it.")
    pid = models.PositiveIntegerField(
        null=True, blank=True, help_text="Its process, to tell a killed run from a running one."
    )

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        return f"{self.scraper} {self.started_at:%Y-%m-%d %H:%M} ({self.status})"
