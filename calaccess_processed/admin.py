"""Read-only admin for every processed model, derived from the declared mapping.

Per model: the keys and a few declared fields in the list; search on name fields (by substring)
and ids (exact); filters on form type, amendment state and period. A filing's page links its
versions and the items of each schedule (changelists filtered by ``filing_id``). The OCD models
are listed by the fields they have; a person's page shows everything known of them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from calaccess_processed import specs
from calaccess_processed.models import (
    PROCESSED_MODELS,
    CandidateCommittee,
    FilerContributionGroup,
    FilerPeriodTotal,
    FilerYearTotal,
    ProcessedDataFile,
    ProcessedDataVersion,
    SkippedRawRow,
)
from calaccess_processed.models.base import FilingFields
from calaccess_processed.models.filings import ProcessedModel
from calaccess_processed.models.ocd import (
    OCD_MODELS,
    Candidacy,
    Membership,
    Person,
    PersonIdentifier,
    PersonMerge,
    PersonName,
    PersonSource,
)
from calaccess_processed.ocd.people import resolve_person
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


@admin.register(FilerContributionGroup)
class FilerContributionGroupAdmin(ReadOnlyAdmin):
    list_display = tuple(
        field.name
        for field in FilerContributionGroup._meta.concrete_fields
        if not field.primary_key
    )
    list_filter = ("grouping",)
    search_fields = ("filer_internal_id__exact", "first_value")


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


# -- Open Civic Data -------------------------------------------------------------------------

#: Fields searched by substring when a model has them; ids are searched exactly.
OCD_SEARCHED = (
    "name",
    "label",
    "candidate_name",
    "person_name",
    "merged_name",
    "identifier",
    "text",
    "url",
)
OCD_FILTERED = (
    "classification",
    "scheme",
    "rule",
    "registration_status",
    "is_incumbent",
    "previous_term_unexpired",
    "subtype1",
    "subtype2",
    "start_date",
)
OCD_LISTED = 5


def ocd_admin(model: type[models.Model]) -> type[ReadOnlyAdmin]:
    """List, search and filter one OCD model by the fields it has."""
    names = [field.name for field in model._meta.concrete_fields]
    shown = [
        name for name in names if name not in {"extras", "created_at", "updated_at", "sort_order"}
    ]
    exact = [f"{name}__exact" for name in ("id", "merged_id", "survivor_id") if name in names]
    attributes: dict[str, Any] = {
        "__module__": __name__,
        "list_display": tuple(shown[:OCD_LISTED]),
        "search_fields": (*(name for name in OCD_SEARCHED if name in names), *exact),
        "list_filter": tuple(name for name in OCD_FILTERED if name in names),
    }
    return type(f"{model.__name__}Admin", (ReadOnlyAdmin,), attributes)


class ReadOnlyInline(admin.TabularInline):
    formfield_overrides = ReadOnlyAdmin.formfield_overrides
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class PersonIdentifierInline(ReadOnlyInline):
    model = PersonIdentifier
    fields = ("scheme", "identifier")


class PersonNameInline(ReadOnlyInline):
    model = PersonName
    fields = ("name", "note")


class PersonSourceInline(ReadOnlyInline):
    model = PersonSource
    fields = ("url", "note")


class CandidacyInline(ReadOnlyInline):
    model = Candidacy
    fk_name = "person"
    fields = ("contest", "candidate_name", "party", "registration_status", "is_incumbent")


class MembershipInline(ReadOnlyInline):
    model = Membership
    fk_name = "person"
    fields = ("organization", "post", "start_date", "end_date")


@admin.display(description="merged into this person")
def merges_list(person: Person) -> str:
    rows = PersonMerge.objects.filter(survivor_id=person.pk).order_by("merged_id")
    return (
        format_html_join(
            "",
            "<div>{} ({}, {}, run {})</div>",
            ((m.merged_id, m.merged_name, m.rule, m.run_id) for m in rows),
        )
        or "—"
    )


class PersonAdmin(ocd_admin(Person)):  # type: ignore[misc]
    """A person's page lists their identifiers, other names, sources, candidacies, memberships
    and the people merged into them; a merged-away id's page redirects to the survivor's."""

    readonly_fields = ("merges",)
    merges = staticmethod(merges_list)
    inlines = (
        PersonIdentifierInline,
        PersonNameInline,
        PersonSourceInline,
        CandidacyInline,
        MembershipInline,
    )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not Person.objects.filter(pk=object_id).exists():
            survivor = resolve_person(object_id)
            if survivor is not None:
                url = reverse("admin:calaccess_processed_person_change", args=[survivor.pk])
                return HttpResponseRedirect(url)
        return super().change_view(request, object_id, form_url, extra_context)


for ocd_model in OCD_MODELS:
    admin.site.register(ocd_model, PersonAdmin if ocd_model is Person else ocd_admin(ocd_model))
