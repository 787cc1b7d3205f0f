"""Political geography: divisions (the state, its districts) and the jurisdiction governing them."""

from django.db import models

from calaccess_processed.models import fields
from calaccess_processed.models.ocd.base import OCD_ID_LENGTH, OCDBase


class Division(models.Model):
    """A political geography, by its OCD division id (``ocd-division/country:us/state:ca/sldu:1``).

    The id is the natural key (the spec's ids are readable, not drawn), so it is not made by
    :mod:`calaccess_processed.ocd.ids`. The ``subtype``/``subid`` pairs are the id's parts.
    """

    id = fields.CharField(max_length=OCD_ID_LENGTH, primary_key=True)
    name = fields.CharField(max_length=300)
    redirect = fields.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="redirected_from",
        help_text="The division this obsolete id now means.",
    )
    country = fields.CharField(max_length=2)
    subtype1 = fields.CharField(max_length=50, blank=True)
    subid1 = fields.CharField(max_length=100, blank=True)
    subtype2 = fields.CharField(max_length=50, blank=True)
    subid2 = fields.CharField(max_length=100, blank=True)
    subtype3 = fields.CharField(max_length=50, blank=True)
    subid3 = fields.CharField(max_length=100, blank=True)
    subtype4 = fields.CharField(max_length=50, blank=True)
    subid4 = fields.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Jurisdiction(OCDBase):
    """A governing body's reach over a division: here, the State of California."""

    name = fields.CharField(max_length=300)
    url = fields.URLField(max_length=500, blank=True)
    classification = fields.CharField(max_length=50, default="government")
    division = fields.ForeignKey(Division, on_delete=models.PROTECT, related_name="jurisdictions")

    class Meta:
        ordering = ["id"]
