"""Whether the website was scraped into this database: the OCD elections need its rows."""

from __future__ import annotations

from calaccess_scraped.models import CandidateElection, Incumbent, PropositionElection


def scraped_rows_exist() -> bool:
    """True when any candidate list, incumbent or measure election was scraped."""
    return any(
        model.objects.exists() for model in (CandidateElection, Incumbent, PropositionElection)
    )
