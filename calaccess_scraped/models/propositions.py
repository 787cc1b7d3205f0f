"""Ballot measures, the elections they were on, and the committees for and against them."""

from django.db import models

from calaccess_scraped.models.base import ScrapedModel


class PropositionElection(ScrapedModel):
    """An election with measures on the ballot, as a session's measure list names it."""

    session = models.PositiveSmallIntegerField(help_text="First year of the two-year session.")
    name = models.CharField(max_length=200, help_text="'NOVEMBER 7, 2000, GENERAL'.")
    type = models.CharField(max_length=100, blank=True, help_text="GENERAL, PRIMARY…")
    date = models.DateField(null=True, blank=True)
    sort_order = models.PositiveIntegerField(default=0, help_text="Position on the page.")

    class Meta:
        ordering = ["session", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "name"], name="scraped_proposition_election_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Proposition(ScrapedModel):
    """A ballot measure; ``url`` is the measure list it appears on."""

    election = models.ForeignKey(
        PropositionElection, on_delete=models.CASCADE, related_name="propositions"
    )
    measure_id = models.PositiveIntegerField(unique=True, help_text="The site's id of the measure.")
    session = models.PositiveSmallIntegerField()
    name = models.TextField(help_text="Title as the measure list prints it.")
    sort_order = models.PositiveIntegerField(default=0, help_text="Position in its election.")
    detail_url = models.URLField(max_length=500)
    committees_scraped_at = models.DateTimeField(
        null=True, blank=True, help_text="When the committees were last read from the detail page."
    )

    class Meta:
        ordering = ["election", "sort_order"]

    def __str__(self) -> str:
        return self.name[:80]


class PropositionCommittee(ScrapedModel):
    """A committee formed to support or oppose a measure; ``url`` is the measure's detail page."""

    proposition = models.ForeignKey(
        Proposition, on_delete=models.CASCADE, related_name="committees"
    )
    sort_order = models.PositiveIntegerField(help_text="Position on the page.")
    committee_id = models.PositiveIntegerField(db_index=True, help_text="The id the page prints.")
    name = models.TextField()
    position = models.CharField(max_length=20, help_text="SUPPORT or OPPOSE, as printed.")
    filer_id = models.PositiveIntegerField(
        null=True, blank=True, db_index=True, help_text="Filer id from the committee's link."
    )
    detail_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["proposition", "sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposition", "sort_order"], name="scraped_proposition_committee_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name[:60]} ({self.position})"
