"""Open Civic Data models of California's elections, portable to SQLite, PostgreSQL and MariaDB."""

from calaccess_processed.models.ocd.candidate_contests import (
    Candidacy,
    CandidateContest,
    CandidateContestIdentifier,
    CandidateContestPost,
    CandidateContestSource,
)
from calaccess_processed.models.ocd.divisions import Division, Jurisdiction
from calaccess_processed.models.ocd.elections import Election, ElectionIdentifier, ElectionSource
from calaccess_processed.models.ocd.measure_contests import (
    BallotMeasureContest,
    BallotMeasureContestIdentifier,
    BallotMeasureContestOption,
    BallotMeasureContestSource,
    RetentionContest,
    RetentionContestIdentifier,
    RetentionContestOption,
    RetentionContestSource,
)
from calaccess_processed.models.ocd.organizations import (
    Membership,
    Organization,
    OrganizationIdentifier,
    Post,
)
from calaccess_processed.models.ocd.people import (
    Person,
    PersonIdentifier,
    PersonMerge,
    PersonName,
    PersonSource,
)

OCD_MODELS = (
    Division,
    Jurisdiction,
    Organization,
    OrganizationIdentifier,
    Post,
    Person,
    PersonIdentifier,
    PersonName,
    PersonSource,
    PersonMerge,
    Membership,
    Election,
    ElectionIdentifier,
    ElectionSource,
    CandidateContest,
    CandidateContestPost,
    CandidateContestIdentifier,
    CandidateContestSource,
    Candidacy,
    BallotMeasureContest,
    BallotMeasureContestOption,
    BallotMeasureContestIdentifier,
    BallotMeasureContestSource,
    RetentionContest,
    RetentionContestOption,
    RetentionContestIdentifier,
    RetentionContestSource,
)

__all__ = [model.__name__ for model in OCD_MODELS] + ["OCD_MODELS"]
