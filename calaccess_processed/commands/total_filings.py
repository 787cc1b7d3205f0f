"""The ``total_filings`` step: totals per filer and calendar year, and per filer and reporting
period, that never double count."""

from __future__ import annotations

from calaccess_processed.models import FilerPeriodTotal
from calaccess_processed.transforming.totals import total_filings
from calaccess_raw.epochs import RAW_RELEASE
from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


class TotalFilings(BasicCommand):
    """Sum every filer's latest filings per calendar year and per reporting period by the
    declared rule: no double counts."""

    dependencies = [Dependency("update_raw_data", {}, since=RAW_RELEASE)]

    def run(self) -> int:
        count = total_filings()
        periods = FilerPeriodTotal.objects.count()
        self.say(f"{count:,} filer-year totals, {periods:,} filer-period totals.")
        return count
