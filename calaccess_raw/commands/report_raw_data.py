"""The ``report_raw_data`` step: a CSV report of every file of the latest release."""

from __future__ import annotations

from pathlib import Path

from calaccess_raw.models import RawDataVersion
from calaccess_raw.reporting import write_report
from calaccess_toolkit import conf
from calaccess_toolkit.errors import ToolkitError
from django_commander.base import BasicCommand


class NothingToReport(ToolkitError):
    """No release has been recorded yet."""


class ReportRawData(BasicCommand):
    """Write a CSV report of the latest release: per file, the download, clean and load counts,
    the errors logged, and the share of rows that survived each stage."""

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "--output",
            help="Where to write the CSV (default: <CALACCESS_DATA_DIR>/reports/<release>.csv).",
        )

    def run(self) -> str:
        version = RawDataVersion.objects.latest_release()
        if version is None:
            raise NothingToReport("no release has been downloaded yet; run the update first")
        default = Path(
            conf.get("CALACCESS_DATA_DIR"),
            "reports",
            f"{version.release_datetime:%Y-%m-%d_%H-%M-%S}.csv",
        )
        path = Path(self.options["output"]) if self.options["output"] else default
        count = write_report(version, path)
        self.say(f"Wrote the report of {count} files of the {version} release to {path}.")
        return str(path)
