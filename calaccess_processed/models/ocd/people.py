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


class PersonMerge(models.Model):
    """One person merged into another: who into whom, by which rule, in which run.

    The merged person's row is gone, but its OCD id may have been published: it still resolves
    to the survivor (:func:`calaccess_processed.ocd.people.resolve_person`), and every loader
    writes what it finds for that id onto the survivor. Ids are plain columns, not foreign keys:
    the merged id names no row any more, and the run may sit in another database's log.
    """

    BY_FILER_ID = "filer_id"
    BY_CONTEST_AND_NAME = "contest_and_name"
    RULES = [
        (BY_FILER_ID, "the same CAL-ACCESS filer id"),
        (BY_CONTEST_AND_NAME, "the same name in one contest, no conflicting filer id"),
    ]

    merged_id = fields.CharField(max_length=150, unique=True, help_text="The merged-away OCD id.")
    survivor_id = fields.CharField(max_length=150, db_index=True)
    merged_name = fields.CharField(max_length=300)
    rule = fields.CharField(max_length=20, choices=RULES)
    run_id = fields.BigIntegerField(
        null=True, blank=True, help_text="The command run (CommandLog) that merged them."
    )
    created_at = fields.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["survivor_id", "merged_id"]

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.survivor_id} ({self.rule})"
