"""Contests for offices, the posts they fill, and the candidacies in them."""

from django.db import models

from calaccess_processed.models import fields
from calaccess_processed.models.ocd.base import IdentifierBase, OCDBase, SourceBase
from calaccess_processed.models.ocd.contests import ContestBase
from calaccess_processed.models.ocd.organizations import Organization, Post
from calaccess_processed.models.ocd.people import Person


class CandidateContest(ContestBase):
    """One office on one election's ballot; a runoff names the contest it decides."""

    party = fields.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous_term_unexpired = fields.BooleanField(
        default=False, help_text="A special election, for the rest of a vacated term."
    )
    number_elected = fields.PositiveIntegerField(default=1)
    runoff_for_contest = fields.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="runoffs"
    )

    class Meta(ContestBase.Meta):
        pass


class CandidateContestPost(models.Model):
    """A post the contest fills."""

    contest = fields.ForeignKey(CandidateContest, on_delete=models.CASCADE, related_name="posts")
    post = fields.ForeignKey(Post, on_delete=models.CASCADE, related_name="contests")
    sort_order = fields.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["contest", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["contest", "post"], name="ocd_contest_post")]

    def __str__(self) -> str:
        return f"{self.contest} ({self.post})"


class CandidateContestIdentifier(IdentifierBase):
    contest = fields.ForeignKey(
        CandidateContest, on_delete=models.CASCADE, related_name="identifiers"
    )

    class Meta:
        ordering = ["contest", "scheme", "identifier"]


class CandidateContestSource(SourceBase):
    contest = fields.ForeignKey(CandidateContest, on_delete=models.CASCADE, related_name="sources")

    class Meta:
        ordering = ["contest", "url"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "url"], name="ocd_candidate_contest_source")
        ]


class Candidacy(OCDBase):
    """A person standing for a post in a contest, as the website certifies them."""

    person = fields.ForeignKey(Person, on_delete=models.CASCADE, related_name="candidacies")
    post = fields.ForeignKey(Post, on_delete=models.CASCADE, related_name="candidacies")
    contest = fields.ForeignKey(
        CandidateContest, on_delete=models.CASCADE, related_name="candidacies"
    )
    candidate_name = fields.CharField(max_length=300)
    filed_date = fields.DateField(null=True, blank=True)
    is_incumbent = fields.BooleanField(null=True, blank=True)
    registration_status = fields.CharField(max_length=20, blank=True)
    party = fields.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidacies"
    )

    class Meta:
        ordering = ["contest", "candidate_name"]

    def __str__(self) -> str:
        return f"{self.candidate_name} ({self.contest})"
