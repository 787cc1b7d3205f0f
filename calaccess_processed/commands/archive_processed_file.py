"""The ``archive_processed_file`` command: one processed model streamed to CSV."""

from __future__ import annotations

from calaccess_processed.archiving import ArchivedFile, model_named, write_model_csv
from calaccess_toolkit.errors import UsageError
from django_commander.base import BasicCommand


class ArchiveProcessedFile(BasicCommand):
    """Stream one processed model to `<data>/processed/<Model>.csv`."""

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument("model", help="Processed model, e.g. Form460Filing.")

    def run(self) -> ArchivedFile:
        try:
            model = model_named(self.parameters["model"])
        except LookupError as error:
            raise UsageError(str(error)) from None
        file = write_model_csv(model)
        self.say(f"Wrote {file.row_count:,} rows of {file.model} to {file.path} ({file.sha256}).")
        return file
