"""The ``load_raw_file`` step: one cleaned CSV into its raw table (logic in :mod:`loading`)."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone

from calaccess_raw import loading, paths
from calaccess_raw.epochs import RAW_RELEASE
from calaccess_raw.loading import sidecar
from calaccess_raw.loading.base import LoadResult
from calaccess_raw.loading.recording import record_load_finish
from calaccess_raw.model_names import model_name, table_of
from calaccess_raw.models import RawDataFile
from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


class LoadRawFile(BasicCommand):
    """Load one cleaned CSV into its raw CAL-ACCESS table, replacing the table's contents.

    The load is all or nothing: if it fails, the table keeps its previous rows. Values that cannot
    be typed are stored empty and logged to `load/<TABLE>.errors.csv`. The counts go to the latest
    release's tracking row. The cleaned CSV is deleted afterwards, unless `--keep-file` or `--csv`.
    """

    dependencies = [
        Dependency(
            "clean_raw_file",
            lambda params: {"file_name": table_of(params["model"])},
            since=RAW_RELEASE,
        )
    ]
    test_options = {"keep_file": True}

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "model", type=model_name, help="Model or table to load: RcptCd or RCPT_CD."
        )
        parser.add_argument(
            "--csv",
            default=None,
            help="CSV file to load instead of the cleaned file of the data folder (kept).",
        )
        parser.add_argument(
            "--keep-file",
            action="store_true",
            help="Keep the cleaned CSV after loading (by default it is deleted to save disk).",
        )
        parser.add_argument(
            "-a",
            "--app",
            default="calaccess_raw",
            help="App whose model receives the data (default: calaccess_raw).",
        )

    def run(self) -> LoadResult:
        model = loading.resolve_model(self.parameters["model"], self.options["app"])
        table = model.schema.name
        csv_path = Path(self.options["csv"]) if self.options["csv"] else paths.csv_path(table)
        raw_file = RawDataFile.for_latest_release(table)
        if raw_file is not None:
            raw_file.mark_started("load", timezone.now())
        result = loading.load_table(model, csv_path)
        if raw_file is not None:
            record_load_finish(raw_file, result, timezone.now())
        self.say(
            f"Loaded {result.rows:,} rows of {result.columns} columns into {table} "
            f"({result.method})."
        )
        if result.error_log is not None:
            self.say(
                f"{result.errors:,} values or rows logged to {result.error_log}"
                + (f"; {result.skipped_rows:,} rows skipped." if result.skipped_rows else ".")
            )
        if not self.options["keep_file"] and not self.options["csv"]:
            csv_path.unlink(missing_ok=True)
            sidecar.forget(csv_path)
            self.say(f"Deleted {csv_path.name} (keep it with --keep-file).", level=2)
        return result
