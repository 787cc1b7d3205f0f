"""Ballot measures and recalls: a yes/no question on one election's ballot.

A recall is a ``RetentionContest`` (keep the officeholder or not); every other measure is a
``BallotMeasureContest``. Both have options, identifiers (the website's measure id) and sources.
"""

from django.db import models

from calaccess_processed.models import fields
from calaccess_processed.models.ocd.base import IdentifierBase, SourceBase
from calaccess_processed.models.ocd.contests import ContestBase
from calaccess_processed.models.ocd.organizations import Membership


class MeasureContestBase(ContestBase):
    description = fields.TextField(blank=True)
    requirement = fields.CharField(max_length=300, blank=True, default="50% plus one vote")
    runoff_for_contest = fields.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="runoffs"
    )

    class Meta(ContestBase.Meta):
        abstract = True


class BallotMeasureContest(MeasureContestBase):
    """A proposition or other non-recall measure."""

    classification = fields.CharField(max_length=100, blank=True, default="ballot measure")


class RetentionContest(MeasureContestBase):
    """A recall of an officeholder; ``membership`` is the office they hold, when known."""

    membership = fields.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class OptionBase(models.Model):
    text = fields.CharField(max_length=300)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.text


class BallotMeasureContestOption(OptionBase):
    contest = fields.ForeignKey(
        BallotMeasureContest, on_delete=models.CASCADE, related_name="options"
    )

    class Meta:
        ordering = ["contest", "text"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "text"], name="ocd_measure_option")
        ]


class BallotMeasureContestIdentifier(IdentifierBase):
    contest = fields.ForeignKey(
        BallotMeasureContest, on_delete=models.CASCADE, related_name="identifiers"
    )

    class Meta:
        ordering = ["contest", "scheme", "identifier"]


class BallotMeasureContestSource(SourceBase):
    contest = fields.ForeignKey(
        BallotMeasureContest, on_delete=models.CASCADE, related_name="sources"
    )

    class Meta:
        ordering = ["contest", "url"]


class RetentionContestOption(OptionBase):
    contest = fields.ForeignKey(RetentionContest, on_delete=models.CASCADE, related_name="options")

    class Meta:
        ordering = ["contest", "text"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "text"], name="ocd_retention_option")
        ]


class RetentionContestIdentifier(IdentifierBase):
    contest = fields.ForeignKey(
        RetentionContest, on_delete=models.CASCADE, related_name="identifiers"
    )

    class Meta:
        ordering = ["contest", "scheme", "identifier"]


class RetentionContestSource(SourceBase):
    contest = fields.ForeignKey(RetentionContest, on_delete=models.CASCADE, related_name="sources")

    class Meta:
        ordering = ["contest", "url"]
