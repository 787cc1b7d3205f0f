"""Whether a release applied whole: the tables of the schema its export did not hold.

A table the export lacks keeps the rows of an earlier release. The update records such tables
(with those that failed) in ``RawDataVersion.stale_tables`` and ends partial with
:class:`MissingTables`.
"""

from __future__ import annotations

from calaccess_raw import schema
from calaccess_raw.downloading.release import Release
from calaccess_raw.models import RawDataVersion
from calaccess_toolkit.errors import PartialFailure


class MissingTables(PartialFailure):
    """The release lacks tables of the schema: they still hold an earlier release."""

    def __init__(self, release: Release, missing: list[str]) -> None:
        super().__init__(
            f"the {release.describe()} has no file for {len(missing)} table(s) of the schema, "
            f"which keep an earlier release: {', '.join(missing)}"
        )


def missing_tables(version: RawDataVersion) -> list[str]:
    """Tables of the schema the release's export did not hold (none was extracted)."""
    extracted = set(version.files.values_list("file_name", flat=True))
    return sorted(schema.load().table_names - extracted)
