"""Read-only admin for every processed model, derived from the declared mapping.

Per model: the keys and a few declared fields in the list; search on name fields (by substring)
and ids (exact); filters on form type, amendment state and period. A filing's page links its
versions and the items of each schedule (changelists filtered by ``filing_id``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from calaccess_processed import specs
from calaccess_processed.models import (
    PROCESSED_MODELS,
    CandidateCommittee,
    FilerPeriodTotal,
    FilerYearTotal,
    ProcessedDataFile,
    ProcessedDataVersion,
    SkippedRawRow,
)
from calaccess_processed.models.base import FilingFields
from calaccess_processed.models.filings import ProcessedModel
from calaccess_toolkit.admin import ReadOnlyAdmin

LIST_FIELDS = 4


def _changelist(model: type[models.Model], filing_id: int) -> str:
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    return f"{url}?filing_id={filing_id}"


@admin.display(description="versions and items")
def related_links(obj: ProcessedModel) -> str:
    """Links to the filing's versions and to the items of each of its schedules."""
    form = specs.load().form(obj.spec.form)
    targets = [form.filing.version_name, *(model.version_name for model in form.models[1:])]
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((_changelist(PROCESSED_MODELS[name], obj.filing_id), name) for name in targets),
    )


@admin.display(description="PDF")
def pdf_link(obj: FilingFields) -> str:
    return format_html('<a href="{}">PDF</a>', obj.pdf_url)


def processed_admin(model: type[ProcessedModel]) -> type[ReadOnlyAdmin]:
    spec = model.spec
    names = [field.field for field in spec.fields]
    keys = ["filing_id", "amend_id"] + (["line_item"] if spec.kind == "item" else [])
    searchable = [name for name in names if name.endswith(("lastname", "firstname", "_name"))]
    ids = [f"{name}__exact" for name in ("filing_id", *names) if name.endswith("_id")]
    filters = [
        name
        for name in ("form_type", "is_latest", "is_memo", "thru_date")
        if name in {field.name for field in model._meta.get_fields()}
    ]
    attributes: dict[str, Any] = {
        "__module__": __name__,
        "list_display": (*keys, *names[:LIST_FIELDS]),
        "search_fields": (*searchable, *ids),
        "list_filter": tuple(filters),
    }
    if spec.kind == "filing":
        attributes["readonly_fields"] = ("related", "pdf")
        attributes["related"] = staticmethod(related_links)
        attributes["pdf"] = staticmethod(pdf_link)
    return type(f"{model.__name__}Admin", (ReadOnlyAdmin,), attributes)


for processed_model in PROCESSED_MODELS.values():
    admin.site.register(processed_model, processed_admin(processed_model))


@admin.register(ProcessedDataVersion)
class ProcessedDataVersionAdmin(ReadOnlyAdmin):
    list_display = ("raw_release_datetime", "started_at", "finished_at", "row_count")


@admin.register(ProcessedDataFile)
class ProcessedDataFileAdmin(ReadOnlyAdmin):
    list_display = ("model_name", "form", "version", "row_count", "skipped_row_count")
    list_filter = ("form",)


@admin.register(SkippedRawRow)
class SkippedRawRowAdmin(ReadOnlyAdmin):
    list_display = ("source_table", "raw_row_id", "filing_id", "amend_id", "line_item", "reason")
    list_filter = ("reason", "source_table")
    search_fields = ("filing_id__exact",)


@admin.register(FilerYearTotal)
class FilerYearTotalAdmin(ReadOnlyAdmin):
    list_display = (
        "filer_id",
        "calendar_year",
        "monetary_contributions_with_late",
        "overlapping_filing_count",
    )
    list_filter = ("calendar_year",)
    search_fields = ("filer_id__exact",)


@admin.register(FilerPeriodTotal)
class FilerPeriodTotalAdmin(ReadOnlyAdmin):
    list_display = (
        "filer_id",
        "kind",
        "from_date",
        "thru_date",
        "filing_id",
        "monetary_contributions_with_late",
        "is_counted",
        "overlapped_by_filing_id",
    )
    list_filter = ("kind", "is_counted")
    search_fields = ("filer_id__exact", "filing_id__exact")


admin.site.register(
    CandidateCommittee,
    ReadOnlyAdmin,
    list_display=(
        "candidate_filer_id",
        "committee_filer_id",
        "committee_name",
        "link_type",
        "session",
        "active_flag",
    ),
    list_filter=("link_type", "active_flag", "session"),
    search_fields=("=candidate_filer_id", "=committee_filer_id", "committee_name"),
)
