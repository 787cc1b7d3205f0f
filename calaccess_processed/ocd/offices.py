"""Office names of the candidate lists → the organization, post and division they stand for.

``STATE SENATE 07`` is a post of the State Senate in Senate district 7 (``sldu:7``), ``ASSEMBLY
54`` one of the Assembly in district 54 (``sldl:54``); both chambers belong to the Legislature.
A statewide office (GOVERNOR…) is its own executive organization, and a Board of Equalization
district a post of the board, statewide (the package has no divisions for its districts). A name
matching none of these is an error naming it, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calaccess_processed.models.ocd import Division, Organization, Post
from calaccess_processed.ocd.divisions import (
    STATE_DIVISION,
    district_division,
    state_jurisdiction_id,
)
from calaccess_processed.ocd.errors import UnknownDivision, UnknownOffice
from calaccess_processed.ocd.ids import ocd_id
from calaccess_processed.ocd.syncing import sync_by_id

LEGISLATURE = "CALIFORNIA STATE LEGISLATURE"
STATEWIDE_OFFICES = frozenset(
    {
        "GOVERNOR",
        "LIEUTENANT GOVERNOR",
        "SECRETARY OF STATE",
        "CONTROLLER",
        "TREASURER",
        "ATTORNEY GENERAL",
        "SUPERINTENDENT OF PUBLIC INSTRUCTION",
        "INSURANCE COMMISSIONER",
    }
)
#: pattern → (organization, classification, role, division kind or None for statewide)
DISTRICT_OFFICES = (
    (re.compile(r"^STATE SENATE (\d+)$"), "STATE SENATE", "upper", "Senator", "sldu"),
    (re.compile(r"^ASSEMBLY (\d+)$"), "ASSEMBLY", "lower", "Assembly Member", "sldl"),
    (
        re.compile(r"^MEMBER BOARD OF EQUALIZATION (\d+)$"),
        "BOARD OF EQUALIZATION",
        "executive",
        "Member",
        None,
    ),
)


@dataclass(frozen=True)
class Office:
    label: str
    organization: str
    classification: str
    role: str
    division: str

    @property
    def organization_id(self) -> str:
        return ocd_id("organization", self.organization)

    @property
    def parent_id(self) -> str | None:
        return legislature_id() if self.classification in {"upper", "lower"} else None

    @property
    def post_id(self) -> str:
        return ocd_id("post", self.label)


def legislature_id() -> str:
    return ocd_id("organization", LEGISLATURE)


def parse_office(label: str) -> Office:
    """The office a candidate list names; :class:`UnknownOffice` if none."""
    label = " ".join(label.upper().split())
    if label in STATEWIDE_OFFICES:
        return Office(label, label, "executive", label.title(), STATE_DIVISION)
    for pattern, organization, classification, role, kind in DISTRICT_OFFICES:
        match = pattern.match(label)
        if match:
            division = district_division(kind, int(match.group(1))) if kind else STATE_DIVISION
            return Office(label, organization, classification, role, division)
    raise UnknownOffice(
        f"The office {label!r} is not a known kind of office; add it to ocd.offices"
    )


def check_divisions(offices: list[Office]) -> None:
    """Every office's division must be one of the package's divisions."""
    wanted = {office.division for office in offices}
    known = set(Division.objects.filter(id__in=wanted).values_list("id", flat=True))
    missing = sorted(office.label for office in offices if office.division not in known)
    if missing:
        raise UnknownDivision(
            "No OCD division is known for: " + ", ".join(missing) + " (run loadocddivisions)"
        )


def save_offices(offices: list[Office]) -> None:
    """Create or update the organizations and posts of these offices."""
    check_divisions(offices)
    jurisdiction = state_jurisdiction_id()
    organizations = {
        legislature_id(): {"name": LEGISLATURE, "classification": "legislature", "parent_id": None}
    }
    for office in offices:
        organizations[office.organization_id] = {
            "name": office.organization,
            "classification": office.classification,
            "parent_id": office.parent_id,
        }
    for row in organizations.values():
        row["jurisdiction_id"] = jurisdiction
    sync_by_id(
        Organization, dict(sorted(organizations.items(), key=lambda i: i[1]["parent_id"] or ""))
    )
    sync_by_id(
        Post,
        {
            office.post_id: {
                "label": office.label,
                "role": office.role,
                "organization_id": office.organization_id,
                "division_id": office.division,
            }
            for office in offices
        },
    )
