"""Organizations (parties, legislative chambers, executive offices), their posts and members."""

from django.db import models

from calaccess_processed.models.ocd.base import IdentifierBase, OCDBase
from calaccess_processed.models.ocd.divisions import Division, Jurisdiction


class Organization(OCDBase):
    """A party, a chamber of the Legislature or an executive office of the state."""

    name = models.CharField(max_length=300)
    classification = models.CharField(
        max_length=50, blank=True, help_text="party, legislature, upper, lower, executive…"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.CASCADE, related_name="organizations"
    )
    founding_date = models.CharField(max_length=10, blank=True)
    dissolution_date = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["id"]


class OrganizationIdentifier(IdentifierBase):
    """A lookup code of the organization (a CAL-ACCESS party code)."""

    organization = models.ForeignKey(
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

    label = models.CharField(max_length=300, help_text="As the website names the office.")
    role = models.CharField(max_length=300, blank=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="posts")
    division = models.ForeignKey(
        Division, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    maximum_memberships = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class Membership(OCDBase):
    """A person's place in an organization, holding a post for a term."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        "calaccess_processed.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person_name = models.CharField(max_length=300, blank=True)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=300, blank=True)
    start_date = models.CharField(max_length=10, blank=True)
    end_date = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.post or self.organization})"
