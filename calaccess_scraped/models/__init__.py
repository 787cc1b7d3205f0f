"""Models of the facts scraped from the CAL-ACCESS website, and the log of scrapes."""

from calaccess_scraped.models.candidates import Candidate, CandidateElection
from calaccess_scraped.models.incumbents import Incumbent, IncumbentElection
from calaccess_scraped.models.propositions import (
    Proposition,
    PropositionCommittee,
    PropositionElection,
)
from calaccess_scraped.models.tracking import ScrapeRun

__all__ = [
    "Candidate",
    "CandidateElection",
    "Incumbent",
    "IncumbentElection",
    "Proposition",
    "PropositionCommittee",
    "PropositionElection",
    "ScrapeRun",
]
