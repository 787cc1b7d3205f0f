"""Dating the candidate lists' elections from the incumbent lists' election dates.

Candidate lists name an election without its date ("2004 PRIMARY"); the incumbent list of each
session dates every state election of the session ("PRIMARY ELECTION Tuesday, 3/2/04"). A
candidate election is dated only when that is certain: every election of its year and kind in the
incumbent lists falls on one and the same date. So "2004 PRIMARY" is dated 2004-03-02, while
"2008 PRIMARY" stays undated (February and June 2008 both had a primary), as do the special
elections of a year with specials on several dates, and every election of a session whose
incumbent list has not been scraped.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction

from calaccess_scraped.models import CandidateElection, IncumbentElection

# Candidate-list type -> the name the incumbent lists give that kind of election.
INCUMBENT_NAMES = {
    "PRIMARY": "PRIMARY ELECTION",
    "GENERAL": "GENERAL ELECTION",
    "RECALL": "RECALL ELECTION",
    "SPECIAL ELECTION": "SPECIAL ELECTION",
    "SPECIAL RUNOFF": "SPECIAL ELECTION RUNOFF",
}


@transaction.atomic
def date_candidate_elections() -> int:
    """Set (or clear) the date of every candidate election; return how many are dated."""
    dates: dict[tuple[int | None, str], set[date]] = defaultdict(set)
    for name, held in IncumbentElection.objects.values_list("name", "date"):
        dates[(held.year, name)].add(held)
    groups: dict[tuple[int | None, str], list[int]] = defaultdict(list)
    for pk, year, kind in CandidateElection.objects.values_list("pk", "year", "type"):
        groups[(year, kind)].append(pk)
    dated = 0
    for (year, kind), pks in groups.items():
        found = dates.get((year, INCUMBENT_NAMES.get(kind, "")), set())
        day: date | None = next(iter(found)) if len(found) == 1 else None
        CandidateElection.objects.filter(pk__in=pks).update(date=day)
        dated += len(pks) if day else 0
    return dated
