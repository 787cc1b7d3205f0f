"""Certified candidates of each election, from the candidate lists of the website."""

from django.db import models

from calaccess_scraped.models.base import ScrapedModel


class CandidateElection(ScrapedModel):
    """An election the site lists certified candidates for (``electNav=N``)."""

    election_id = models.PositiveIntegerField(
        unique=True, help_text="The site's number of the election (electNav in its URLs)."
    )
    name = models.CharField(max_length=200, help_text="As the site names it: '2000 PRIMARY'.")
    type = models.CharField(
        max_length=100, blank=True, help_text="From the name: PRIMARY, GENERAL, SPECIAL ELECTION…"
    )
    seat = models.CharField(
        max_length=100, blank=True, help_text="For special elections, the seat in parentheses."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(
        null=True,
        blank=True,
        help_text="Only when certain, from the incumbent lists (set by calaccess_processed).",
    )
    sort_order = models.PositiveIntegerField(
        default=0, help_text="Position in the site's election navigation (newest first)."
    )

    class Meta:
        ordering = ["sort_order", "election_id"]

    def __str__(self) -> str:
        return f"{self.name} (#{self.election_id})"


class Candidate(ScrapedModel):
    """A certified candidate for one office in one election, in the order the site lists them."""

    election = models.ForeignKey(
        CandidateElection, on_delete=models.CASCADE, related_name="candidates"
    )
    sort_order = models.PositiveIntegerField(help_text="Position on the page.")
    category = models.CharField(max_length=100, help_text="STATEWIDE OFFICES, SENATE DISTRICTS…")
    office = models.CharField(max_length=100, help_text="GOVERNOR, STATE SENATE 01…")
    name = models.CharField(max_length=200)
    filer_id = models.PositiveIntegerField(
        null=True, blank=True, db_index=True, help_text="CAL-ACCESS filer id; empty when unlinked."
    )
    detail_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["election", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "sort_order"], name="scraped_candidate_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.office})"
