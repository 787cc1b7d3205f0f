"""Putting the sample export's ``FILER_LINKS_CD`` rows into the raw model, for link tests.

Only this one small table is read, straight from the sample ZIP, so the tests do not depend on
the raw app's loading pipeline.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, datetime

from calaccess_raw.models import FilerLinksCd
from calaccess_toolkit.testing.fixtures import fixture

MEMBER = "CalAccess/DATA/FILER_LINKS_CD.TSV"


def _number(text: str) -> int | None:
    return int(text) if text.strip().lstrip("-").isdigit() else None


def _moment(text: str) -> datetime | None:
    if not text.strip():
        return None
    return datetime.strptime(text.strip(), "%m/%d/%Y %I:%M:%S %p").replace(tzinfo=UTC)


def _day(text: str):
    moment = _moment(text)
    return moment.date() if moment else None


def load_sample_filer_links() -> int:
    """Create one FilerLinksCd row per sample row; return how many."""
    with zipfile.ZipFile(fixture("calaccess-export", "dbwebexport.zip")) as archive:
        text = archive.read(MEMBER).decode("latin-1")
    rows = [
        FilerLinksCd(
            filer_id_a=_number(row["FILER_ID_A"]),
            filer_id_b=_number(row["FILER_ID_B"]),
            active_flg=row["ACTIVE_FLG"],
            session_id=_number(row["SESSION_ID"]),
            link_type=_number(row["LINK_TYPE"]),
            link_desc=row["LINK_DESC"],
            effect_dt=_moment(row["EFFECT_DT"]),
            dominate_filer=row["DOMINATE_FILER"],
            termination_dt=_day(row["TERMINATION_DT"]),
        )
        for row in csv.DictReader(io.StringIO(text), delimiter="\t")
    ]
    FilerLinksCd.objects.bulk_create(rows)
    return len(rows)
