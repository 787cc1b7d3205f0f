"""Models of the processed CAL-ACCESS data: filings derived from the declared
mapping, candidate-committee links, and tracking.

Each filing model is importable by name, e.g. ``from calaccess_processed.models import
Form460Filing``.
"""

from .candidate_committees import CandidateCommittee
from .filings import PROCESSED_MODELS, get_processed_model
from .ocd import *  # noqa: F403  (the OCD election models, listed in ocd.OCD_MODELS)
from .ocd import __all__ as OCD_NAMES
from .totals import FilerContributionGroup, FilerPeriodTotal, FilerYearTotal
from .tracking import ProcessedDataFile, ProcessedDataVersion, SkippedRawRow

globals().update(PROCESSED_MODELS)

__all__ = [
    "CandidateCommittee",
    "FilerContributionGroup",
    "FilerPeriodTotal",
    "FilerYearTotal",
    "PROCESSED_MODELS",
    "ProcessedDataFile",
    "ProcessedDataVersion",
    "SkippedRawRow",
    "get_processed_model",
    *PROCESSED_MODELS,
    *OCD_NAMES,
]
