"""People: candidates and officeholders, with their identifiers, other names and sources."""

from django.db import models

from calaccess_processed.models import fields
from calaccess_processed.models.ocd.base import IdentifierBase, OCDBase, SourceBase


class Person(OCDBase):
    """A real person; ``slug`` is the readable key beside the OCD id."""

    name = fields.CharField(max_length=300)
    sort_name = fields.CharField(max_length=300, blank=True)
    family_name = fields.CharField(max_length=200, blank=True)
    given_name = fields.CharField(max_length=200, blank=True)
    slug = fields.SlugField(max_length=255, unique=True)

    class Meta:
        ordering = ["id"]


class PersonIdentifier(IdentifierBase):
    """A CAL-ACCESS filer id (scheme ``calaccess_filer_id``) or another system's id."""

    person = fields.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")

    class Meta:
        ordering = ["person", "scheme", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "scheme", "identifier"], name="ocd_person_identifier"
            )
        ]


class PersonName(models.Model):
    """Another name the person appears under."""

    person = fields.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    name = fields.CharField(max_length=300)
    note = fields.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["person", "name"]
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="ocd_person_name")]

    def __str__(self) -> str:
        return self.name


class PersonSource(SourceBase):
    """A page naming the person."""

    person = fields.ForeignKey(Person, on_delete=models.CASCADE, related_name="sources")

    class Meta:
        ordering = ["person", "url"]
        constraints = [models.UniqueConstraint(fields=["person", "url"], name="ocd_person_source")]
