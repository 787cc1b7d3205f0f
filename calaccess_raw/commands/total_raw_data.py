"""The ``total_raw_data`` command: how many raw tables and rows the database holds."""

from __future__ import annotations

from calaccess_raw.loading.totals import RawDataTotals, total_raw_data
from django_commander.base import BasicCommand


class TotalRawData(BasicCommand):
    """Count the raw CAL-ACCESS tables and the rows in each (per table at verbosity 2)."""

    def run(self) -> RawDataTotals:
        totals = total_raw_data()
        for table, count in totals.records.items():
            self.say(f"{table}: {count:,}", level=2)
        self.say(
            f"{totals.table_count} tables, {totals.record_count:,} rows "
            f"({len(totals.empty_tables)} tables empty)."
        )
        return totals
