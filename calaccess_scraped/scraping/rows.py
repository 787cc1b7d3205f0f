"""What the rows of a page get from where they were read: its URL, its download time, its links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from calaccess_scraped.parsing.office_grid import OfficeHolder
from calaccess_scraped.scraping.urls import detail_url


@dataclass(frozen=True)
class Source:
    """The page rows were read from, and when it was downloaded from the site (not parsed)."""

    url: str
    scraped_at: datetime

    def fields(self) -> dict[str, Any]:
        """The columns every scraped row keeps (see ``models.base.ScrapedModel``)."""
        return {"url": self.url, "scraped_at": self.scraped_at}


def office_holder_fields(
    person: OfficeHolder, position: int, source: Source, base_url: str
) -> dict[str, Any]:
    """The columns a candidate and an incumbent share: both are people of an office grid."""
    return {
        "sort_order": position,
        "category": person.category,
        "office": person.office,
        "name": person.name,
        "filer_id": person.filer_id,
        "detail_url": detail_url(base_url, person.detail_path),
        **source.fields(),
    }
