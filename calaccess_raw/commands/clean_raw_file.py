"""The ``clean_raw_file`` step: one TSV of the export into a CSV (logic in :mod:`cleaning`)."""

from __future__ import annotations

from django.utils import timezone

from calaccess_raw.cleaning import CleanResult, clean_table, table_name
from calaccess_raw.cleaning.recording import record_clean_finish
from calaccess_raw.epochs import RAW_RELEASE
from calaccess_raw.models import RawDataFile
from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


class CleanRawFile(BasicCommand):
    """Clean one table file of the export (TSV) into a UTF-8 CSV ready to load.

    Lines broken by a line break inside a value are joined back; lines that cannot be repaired
    without guessing are logged to `csv/<TABLE>.errors.csv`. The counts go to the latest
    release's tracking row. The TSV is deleted afterwards to save disk, unless `--keep-file`.
    """

    dependencies = [Dependency("extract_raw_files", since=RAW_RELEASE)]
    test_options = {"keep_file": True}

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument(
            "file_name",
            type=table_name,
            help="Table file to clean, as in the export: RCPT_CD.TSV or RCPT_CD.",
        )
        parser.add_argument(
            "--keep-file",
            action="store_true",
            help="Keep the source TSV after cleaning (by default it is deleted to save disk).",
        )

    def run(self) -> CleanResult:
        table = self.parameters["file_name"]
        raw_file = RawDataFile.for_latest_release(table)
        if raw_file is None:
            self.say("No release is tracked (run download_raw_data); counts are not recorded.")
        else:
            raw_file.mark_started("clean", timezone.now())
        result = clean_table(table, keep_file=self.options["keep_file"])
        if raw_file is not None:
            record_clean_finish(raw_file, result, timezone.now())
        self.say(_summary(result))
        if result.errors_path is not None:
            self.say(f"{result.logged_errors:,} lines logged to {result.errors_path}.")
        if not self.options["keep_file"]:
            self.say(f"Deleted {result.source_path.name} (keep it with --keep-file).", level=2)
        return result


def _summary(result: CleanResult) -> str:
    if result.header_lines == 0:
        return f"{result.source_path.name} is empty: wrote an empty {result.csv_path.name}."
    repaired = f", {result.repaired_records:,} repaired" if result.repaired_records else ""
    if result.repaired_tab_records:
        repaired += f", {result.repaired_tab_records:,} split by a tab joined back"
    return (
        f"Cleaned {result.source_path.name}: {result.clean_rows:,} rows of "
        f"{result.header_fields} columns{repaired}, {result.logged_errors:,} logged, "
        f"{result.blank_lines:,} blank lines skipped."
    )
