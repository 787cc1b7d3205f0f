"""Political parties, from the party lookup codes of the raw schema.

The codes of ``F501_502_CD.PARTY_CD`` and ``FILER_TO_FILER_TYPE_CD.PARTY_CD`` name the parties;
labels that say "no party" (INDEPENDENT, NON PARTISAN, N/A, NONE) are one party, NO PARTY
PREFERENCE, as California's ballots print it; UNKNOWN is no party at all (a candidacy whose party
is unknown has none). Each party keeps its codes as identifiers.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from calaccess_processed.models.ocd import Organization, OrganizationIdentifier
from calaccess_processed.ocd.ids import ocd_id
from calaccess_raw import schema

PARTY_COLUMNS = (("F501_502_CD", "PARTY_CD"), ("FILER_TO_FILER_TYPE_CD", "PARTY_CD"))
NO_PARTY_PREFERENCE = "NO PARTY PREFERENCE"
#: Labels that mean "no party", merged into NO PARTY PREFERENCE.
NO_PARTY_LABELS = frozenset({"INDEPENDENT", "NON PARTISAN", "NON-PARTISAN", "N/A", "NONE"})
#: Labels that are not a party.
UNKNOWN_LABELS = frozenset({"UNKNOWN", ""})
CODE_SCHEME = "calaccess_party_code"


def party_name(label: str) -> str | None:
    """The party a lookup label or a correction names; None when it names none."""
    label = " ".join(label.upper().split())
    if label in UNKNOWN_LABELS:
        return None
    if label in NO_PARTY_LABELS:
        return NO_PARTY_PREFERENCE
    return label


def party_id(name: str) -> str:
    return ocd_id("organization", "party", name)


def party_codes() -> dict[str, set[str]]:
    """Each party's name and the lookup codes that mean it."""
    loaded = schema.load()
    codes: dict[str, set[str]] = defaultdict(set)
    for table, column in PARTY_COLUMNS:
        for choice in loaded.table(table).field(column).choices:
            name = party_name(choice.meaning)
            if name and choice.code:
                codes[name].add(choice.code)
    return dict(codes)


def ensure_party(name: str) -> Organization:
    """The party organization of ``name`` (as :func:`party_name` gives it), created if new."""
    party, _ = Organization.objects.get_or_create(
        id=party_id(name), defaults={"name": name, "classification": "party"}
    )
    return party


@transaction.atomic
def load_parties() -> int:
    """Create every party of the lookup codes with its codes; return the party count."""
    codes = party_codes()
    for name, party_codes_of_name in sorted(codes.items()):
        party = ensure_party(name)
        for code in sorted(party_codes_of_name):
            OrganizationIdentifier.objects.get_or_create(
                organization=party, scheme=CODE_SCHEME, identifier=code
            )
    return len(codes)
