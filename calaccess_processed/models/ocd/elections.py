"""Elections: one per date the state held one, named as the website names it."""

from django.db import models

from calaccess_processed.models import fields
from calaccess_processed.models.ocd.base import IdentifierBase, OCDBase, SourceBase
from calaccess_processed.models.ocd.divisions import Division
from calaccess_processed.models.ocd.organizations import Organization


class Election(OCDBase):
    """A statewide election day (OCD ``Event`` of classification election)."""

    name = fields.CharField(max_length=300)
    date = fields.DateField()
    division = fields.ForeignKey(Division, on_delete=models.PROTECT, related_name="elections")
    administrative_organization = fields.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="elections"
    )
    slug = fields.SlugField(max_length=255, unique=True)

    class Meta:
        ordering = ["date", "id"]


class ElectionIdentifier(IdentifierBase):
    """The website's number of the election, or its measure list's name."""

    election = fields.ForeignKey(Election, on_delete=models.CASCADE, related_name="identifiers")

    class Meta:
        ordering = ["election", "scheme", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "scheme", "identifier"], name="ocd_election_identifier"
            )
        ]


class ElectionSource(SourceBase):
    """A page listing the election."""

    election = fields.ForeignKey(Election, on_delete=models.CASCADE, related_name="sources")

    class Meta:
        ordering = ["election", "url"]
        constraints = [
            models.UniqueConstraint(fields=["election", "url"], name="ocd_election_source")
        ]
