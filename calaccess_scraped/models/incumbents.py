"""Elections and officeholders of each two-year session, from the incumbent lists."""

from django.db import models

from calaccess_scraped.models.base import ScrapedModel


class IncumbentElection(ScrapedModel):
    """One numbered entry of a session's election dates, runoffs included."""

    session = models.PositiveSmallIntegerField(help_text="First year of the two-year session.")
    number = models.PositiveSmallIntegerField(help_text="The entry's number on the page.")
    name = models.CharField(max_length=100, help_text="SPECIAL ELECTION, PRIMARY ELECTION…")
    date = models.DateField()

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"], name="scraped_incumbent_election_number"
            )
        ]

    @property
    def is_runoff(self) -> bool:
        return "RUNOFF" in self.name.upper()

    def __str__(self) -> str:
        return f"{self.name} {self.date:%Y-%m-%d}"


class Incumbent(ScrapedModel):
    """Who held one seat in one session; a vacant seat is kept with ``vacant`` set."""

    session = models.PositiveSmallIntegerField(help_text="First year of the two-year session.")
    sort_order = models.PositiveIntegerField(help_text="Position on the page.")
    category = models.CharField(max_length=100)
    office = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    filer_id = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    vacant = models.BooleanField(default=False, help_text="The site lists the seat as VACANT.")
    detail_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["session", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "sort_order"], name="scraped_incumbent_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.office}, {self.session})"
