"""The ``verify_raw_file`` step: check a loaded table against its cleaned CSV."""

from __future__ import annotations

from pathlib import Path

from calaccess_raw import loading
from calaccess_raw.epochs import RAW_RELEASE
from calaccess_raw.loading.verify import VerifyResult, verify_table
from calaccess_raw.model_names import model_name
from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


class VerifyRawFile(BasicCommand):
    """Check that a raw CAL-ACCESS table holds the rows and values of its cleaned CSV.

    By default each column's fingerprint (non-NULL values, a total, empty texts, a checksum of
    the texts), computed from the CSV typed by the loader's rules, is compared with the one the
    database computes in aggregate queries; a difference fails the command, naming the column.
    With ``--full`` every value of every row is compared instead, naming the line and column.
    """

    dependencies = [
        Dependency("load_raw_file", lambda params: {"model": params["model"]}, since=RAW_RELEASE)
    ]

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "model", type=model_name, help="Model or table to verify: RcptCd or RCPT_CD."
        )
        parser.add_argument(
            "--csv", default=None, help="CSV file to compare with instead of the cleaned file."
        )
        parser.add_argument(
            "-a",
            "--app",
            default="calaccess_raw",
            help="App whose model holds the data (default: calaccess_raw).",
        )
        parser.add_argument(
            "--full",
            action="store_true",
            help="Compare every value of every row (slower) instead of column fingerprints.",
        )

    def run(self) -> VerifyResult:
        model = loading.resolve_model(self.parameters["model"], self.options["app"])
        csv_path = Path(self.options["csv"]) if self.options["csv"] else None
        result = verify_table(model, csv_path, full=self.options["full"])
        self.say(
            f"{result.table} matches its CSV: {result.rows:,} rows of {result.columns} columns."
        )
        return result
