"""The ``account_raw_rows`` step: log the raw rows no processed model takes, finish the release."""

from __future__ import annotations

from calaccess_processed.releases import current_version
from calaccess_processed.transforming import account_unrouted, finish_version
from calaccess_raw.epochs import RAW_RELEASE
from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


class AccountRawRows(BasicCommand):
    """Log every raw row of the tables processing reads whose form type no model takes, and sum
    the release's counts."""

    dependencies = [Dependency("update_raw_data", {}, since=RAW_RELEASE)]

    def run(self) -> int:
        version = current_version()
        unrouted = account_unrouted(version)
        finish_version(version)
        self.say(
            f"Processed {version.row_count:,} rows; {version.skipped_row_count:,} raw rows "
            f"skipped, {unrouted:,} of them of form types no model takes."
        )
        return unrouted
