"""What every contest keeps: its election, division and readable slug, and its sources."""

from django.db import models

from calaccess_processed.models import fields
from calaccess_processed.models.ocd.base import OCDBase
from calaccess_processed.models.ocd.divisions import Division
from calaccess_processed.models.ocd.elections import Election


class ContestBase(OCDBase):
    """Abstract base of candidate, ballot measure and retention contests."""

    name = fields.CharField(max_length=300)
    division = fields.ForeignKey(Division, on_delete=models.PROTECT, related_name="+")
    election = fields.ForeignKey(Election, on_delete=models.CASCADE, related_name="%(class)ss")
    slug = fields.SlugField(max_length=255, unique=True)

    class Meta:
        abstract = True
        ordering = ["election", "name"]
