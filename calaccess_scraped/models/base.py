"""What every scraped row keeps: the page it was read from and when."""

from django.db import models


class ScrapedModel(models.Model):
    """Abstract base: the source URL and the time the row was scraped."""

    url = models.URLField(
        max_length=500, help_text="The page of the CAL-ACCESS website this row was read from."
    )
    scraped_at = models.DateTimeField(
        help_text="When the page was downloaded from the website (not when it was parsed)."
    )

    class Meta:
        abstract = True
