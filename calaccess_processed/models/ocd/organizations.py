"""Organizations (parties, legislative chambers, executive offices), their posts and members."""

from django.db import models

from calaccess_processed.models import fields
from calaccess_processed.models.ocd.base import IdentifierBase, OCDBase
from calaccess_processed.models.ocd.divisions import Division, Jurisdiction


class Organization(OCDBase):
    """A party, a chamber of the Legislature or an executive office of the state."""

    name = fields.CharField(max_length=300)
    classification = fields.CharField(
        max_length=50, blank=True, help_text="party, legislature, upper, lower, executive…"
    )
    parent = fields.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    jurisdiction = fields.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.CASCADE, related_name="organizations"
    )
    founding_date = fields.CharField(max_length=10, blank=True)
    dissolution_date = fields.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["id"]


class OrganizationIdentifier(IdentifierBase):
    """A lookup code of the organization (a CAL-ACCESS party code)."""

    organization = fields.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="identifiers"
    )

    class Meta:
        ordering = ["organization", "scheme", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "scheme", "identifier"], name="ocd_organization_identifier"
            )
        ]


class Post(OCDBase):
    """A seat to be filled: one Senate or Assembly district, or one statewide office."""

    label = fields.CharField(max_length=300, help_text="As the website names the office.")
    role = fields.CharField(max_length=300, blank=True)
    organization = fields.ForeignKey(Organization, on_delete=models.CASCADE, related_name="posts")
    division = fields.ForeignKey(
        Division, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    maximum_memberships = fields.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class Membership(OCDBase):
    """A person's place in an organization, holding a post for a term."""

    organization = fields.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    person = fields.ForeignKey(
        "calaccess_processed.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person_name = fields.CharField(max_length=300, blank=True)
    post = fields.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    role = fields.CharField(max_length=300, blank=True)
    start_date = fields.CharField(max_length=10, blank=True)
    end_date = fields.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.post or self.organization})"
