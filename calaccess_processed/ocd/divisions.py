"""California's OCD divisions, loaded from the package's ``ocd_divisions.csv`` (no network)."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django.db import transaction

from calaccess_processed.data import data_file
from calaccess_processed.models.ocd import Division, Jurisdiction
from calaccess_processed.ocd.ids import ocd_id

STATE_DIVISION = "ocd-division/country:us/state:ca"
DIVISIONS_FILE = "ocd_divisions.csv"
PARTS = 4


@dataclass(frozen=True)
class DivisionRow:
    id: str
    name: str
    redirect: str

    def fields(self) -> dict[str, str]:
        """``country`` and the ``subtypeN``/``subidN`` pairs, read off the id."""
        parts = [part.split(":", 1) for part in self.id.removeprefix("ocd-division/").split("/")]
        fields = {"name": self.name, "country": parts[0][1]}
        for number in range(1, PARTS + 1):
            subtype, subid = parts[number] if number < len(parts) else ("", "")
            fields[f"subtype{number}"], fields[f"subid{number}"] = subtype, subid
        return fields


def division_rows() -> list[DivisionRow]:
    with data_file(DIVISIONS_FILE).open(newline="", encoding="utf-8") as stream:
        return [DivisionRow(**row) for row in csv.DictReader(stream)]


def state_jurisdiction_id() -> str:
    return ocd_id("jurisdiction", STATE_DIVISION, "government")


@transaction.atomic
def load_divisions() -> int:
    """Create or update every division and the state's jurisdiction; return the division count."""
    rows = division_rows()
    stored = {
        division["id"]: division
        for division in Division.objects.values("id", "name", "redirect_id")
    }
    Division.objects.bulk_create(
        [Division(id=row.id, **row.fields()) for row in rows if row.id not in stored]
    )
    for row in rows:
        if row.id in stored and stored[row.id]["name"] != row.name:
            Division.objects.filter(id=row.id).update(**row.fields())
        stored_redirect = stored[row.id]["redirect_id"] if row.id in stored else None
        if row.redirect and stored_redirect != row.redirect:
            Division.objects.filter(id=row.id).update(redirect_id=row.redirect)
    Jurisdiction.objects.update_or_create(
        id=state_jurisdiction_id(),
        defaults={
            "name": "California State Government",
            "url": "https://www.ca.gov",
            "division_id": STATE_DIVISION,
        },
    )
    return len(rows)


def district_division(kind: str, number: int) -> str:
    """The division id of a Senate (``sldu``) or Assembly (``sldl``) district."""
    return f"{STATE_DIVISION}/{kind}:{number}"
