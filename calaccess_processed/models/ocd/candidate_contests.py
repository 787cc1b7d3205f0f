"""Contests for offices, the posts they fill, and the candidacies in them."""

from django.db import models

from calaccess_processed.models.ocd.base import IdentifierBase, OCDBase, SourceBase
from calaccess_processed.models.ocd.contests import ContestBase
from calaccess_processed.models.ocd.organizations import Organization, Post
from calaccess_processed.models.ocd.people import Person


class CandidateContest(ContestBase):
    """One office on one election's ballot; a runoff names the contest it decides."""

    party = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    previous_term_unexpired = models.BooleanField(
        default=False, help_text="A special election, for the rest of a vacated term."
    )
    number_elected = models.PositiveIntegerField(default=1)
    runoff_for_contest = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="runoffs"
    )

    class Meta(ContestBase.Meta):
        pass


class CandidateContestPost(models.Model):
    """A post the contest fills."""

    contest = models.ForeignKey(CandidateContest, on_delete=models.CASCADE, related_name="posts")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="contests")
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["contest", "sort_order"]
        constraints = [models.UniqueConstraint(fields=["contest", "post"], name="ocd_contest_post")]

    def __str__(self) -> str:
        return f"{self.contest} ({self.post})"


class CandidateContestIdentifier(IdentifierBase):
    contest = models.ForeignKey(
        CandidateContest, on_delete=models.CASCADE, related_name="identifiers"
    )

    class Meta:
        ordering = ["contest", "scheme", "identifier"]


class CandidateContestSource(SourceBase):
    contest = models.ForeignKey(CandidateContest, on_delete=models.CASCADE, related_name="sources")

    class Meta:
        ordering = ["contest", "url"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "url"], name="ocd_candidate_contest_source")
        ]


class Candidacy(OCDBase):
    """A person standing for a post in a contest, as the website certifies them."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="candidacies")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="candidacies")
    contest = models.ForeignKey(
        CandidateContest, on_delete=models.CASCADE, related_name="candidacies"
    )
    candidate_name = models.CharField(max_length=300)
    filed_date = models.DateField(null=True, blank=True)
    is_incumbent = models.BooleanField(null=True, blank=True)
    registration_status = models.CharField(max_length=20, blank=True)
    party = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidacies"
    )

    class Meta:
        ordering = ["contest", "candidate_name"]

    def __str__(self) -> str:
        return f"{self.candidate_name} ({self.contest})"
