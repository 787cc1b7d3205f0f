"""The ``load_filings`` pipeline: every declared form of the current raw release."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from calaccess_processed import specs
from calaccess_processed.releases import current_version, resume_since
from calaccess_raw.epochs import RAW_RELEASE
from django_commander.base import PipelineCommand, Step
from django_commander.dependencies import Dependency


class LoadFilings(PipelineCommand):
    """Process every form's filing models from the current raw release, sum them per filer and
    year, then account for the raw rows no model takes.

    Each form is one transaction; forms already processed for the release are skipped unless
    --force-restart. An interrupted run resumes at the form where it stopped.
    """

    dependencies = [Dependency("update_raw_data", {}, since=RAW_RELEASE)]
    resumes_failed = True
    step_commands = ("load_filing_form", "total_filings", "account_raw_rows")

    def interrupted_since(self) -> datetime | None:
        """Resume only what ran on the raw release processed now (a failed attempt too: the
        forms already processed are not redone)."""
        return resume_since(super().interrupted_since())

    def before_steps(self) -> None:
        current_version(restart=not self.resuming)

    def steps(self) -> Iterator[Step]:
        force = self.options["force_restart"]
        for form in specs.load().forms:
            yield Step("load_filing_form", {"form": form.id}, {"force_restart": force})
        yield Step("total_filings")
        yield Step("account_raw_rows")
