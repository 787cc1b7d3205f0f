"""The ``load_filing_form`` step: one form's filing models for the current raw release."""

from __future__ import annotations

from calaccess_processed import specs
from calaccess_processed.models import ProcessedDataFile
from calaccess_processed.releases import current_version
from calaccess_processed.transforming import FormResult, transform_form
from calaccess_raw.epochs import RAW_RELEASE
from calaccess_toolkit.errors import UsageError
from django_commander.base import BasicCommand
from django_commander.dependencies import Dependency


def form_id(text: str) -> str:
    """A declared form id, any case (``f460`` → ``F460``)."""
    try:
        return specs.load().form(text).id
    except KeyError as error:
        raise UsageError(error.args[0]) from None


class LoadFilingForm(BasicCommand):
    """Replace one form's processed filings (all versions, latest, items) from the raw tables.

    Set-based and in one transaction: a failure leaves the previous rows in place. A form already
    processed for the current raw release is left alone unless --force-restart.
    """

    dependencies = [Dependency("update_raw_data", {}, since=RAW_RELEASE)]

    @classmethod
    def add_arguments(cls, parser) -> None:
        parser.add_argument("form", type=form_id, help="Form to process, e.g. F460.")
        parser.add_argument(
            "--force-restart",
            action="store_true",
            help="Process the form again even if it is done for the current raw release.",
        )

    def run(self) -> FormResult | None:
        form = specs.load().form(self.parameters["form"])
        version = current_version()
        names = [name for model in form.models for name in (model.version_name, model.name)]
        done = ProcessedDataFile.objects.filter(
            version=version, model_name__in=names, finished_at__isnull=False
        ).count()
        if done == len(names) and not self.options["force_restart"]:
            self.say(f"{form.id} is already processed for the raw release; nothing to do.")
            return None
        result = transform_form(form.id, version)
        self.say(
            f"{form.id}: {result.row_count:,} rows into {len(result.rows)} models; "
            f"{result.skipped_count:,} raw rows skipped (see SkippedRawRow)."
        )
        return result
