"""How many raw tables there are and how many rows each holds."""

from __future__ import annotations

from dataclasses import dataclass

from calaccess_raw.models import RAW_DATA_MODELS


@dataclass(frozen=True)
class RawDataTotals:
    """Row counts of every raw table, by table name in schema order."""

    records: dict[str, int]

    @property
    def table_count(self) -> int:
        return len(self.records)

    @property
    def record_count(self) -> int:
        return sum(self.records.values())

    @property
    def empty_tables(self) -> list[str]:
        return [table for table, count in self.records.items() if not count]


def total_raw_data(using: str | None = None) -> RawDataTotals:
    """Count the rows of every raw table."""
    return RawDataTotals(
        {model.schema.name: model.objects.using(using).count() for model in RAW_DATA_MODELS}
    )
