"""Models of the processed data."""

from calaccess_processed.models.candidate_committees import CandidateCommittee

__all__ = ["CandidateCommittee"]
