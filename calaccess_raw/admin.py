"""Read-only admin for every raw table, derived from the schema, and for the tracking models.

The raw tables mirror the state's export: editing them would only be undone by the next load, so
the admin lets staff browse, search and filter but never add, change or delete. Per table:

- ``list_display``: the documented unique key (or the first columns when there is none);
- ``search_fields``: name columns (``…NAM…`` text, by substring) and identifier columns
  (``…_ID``, by exact value);
- ``list_filter``: the lookup-code columns, whose documented codes become the filter choices.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from calaccess_raw.models import RAW_DATA_MODELS, RawDataFile, RawDataModel, RawDataVersion
from calaccess_raw.schema import Field
from calaccess_toolkit.admin import ReadOnlyAdmin

LIST_COLUMNS_WITHOUT_KEY = 5


class RawTableAdmin(ReadOnlyAdmin):
    """Browse only, and no full count of tables of millions of rows."""

    show_full_result_count = False


def _is_name(field: Field) -> bool:
    return field.is_text and "NAM" in field.column and not field.column.endswith(("NAMT", "NAMS"))


def _is_identifier(field: Field) -> bool:
    return field.column.endswith("_ID") and field.column != "AMEND_ID"


def list_display(model: type[RawDataModel]) -> tuple[str, ...]:
    key = model.unique_key_fields()
    if key:
        return key
    return tuple(field.name for field in model.schema.fields[:LIST_COLUMNS_WITHOUT_KEY])


def search_fields(model: type[RawDataModel]) -> tuple[str, ...]:
    fields = model.schema.fields
    names = [field.name for field in fields if _is_name(field)]
    identifiers = [f"{field.name}__exact" for field in fields if _is_identifier(field)]
    return (*names, *identifiers)


def list_filter(model: type[RawDataModel]) -> tuple[str, ...]:
    return tuple(field.name for field in model.schema.fields if field.choices)


def raw_data_admin(model: type[RawDataModel]) -> type[RawTableAdmin]:
    """The admin class of one raw table."""
    return type(
        f"{model.__name__}Admin",
        (RawTableAdmin,),
        {
            "__module__": __name__,
            "list_display": list_display(model),
            "search_fields": search_fields(model),
            "list_filter": list_filter(model),
        },
    )


for raw_model in RAW_DATA_MODELS:
    admin.site.register(raw_model, raw_data_admin(raw_model))


class RawDataFileInline(admin.TabularInline):
    model = RawDataFile
    extra = 0
    can_delete = False
    show_change_link = True
    fields = (
        "file_name",
        "download_records_count",
        "clean_records_count",
        "error_count",
        "load_records_count",
        "load_error_count",
        "load_finish_datetime",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(RawDataVersion)
class RawDataVersionAdmin(ReadOnlyAdmin):
    list_display = (
        "release_datetime",
        "pretty_expected_size",
        "pretty_download_size",
        "pretty_clean_size",
        "download_record_count",
        "clean_record_count",
        "load_record_count",
        "error_count",
        "load_error_count",
        "update_start_datetime",
        "update_finish_datetime",
        "completed",
    )
    inlines = (RawDataFileInline,)

    @admin.display(boolean=True, description="update completed")
    def completed(self, version: RawDataVersion) -> bool:
        return version.update_completed


@admin.register(RawDataFile)
class RawDataFileAdmin(ReadOnlyAdmin):
    list_display = (
        "file_name",
        "version",
        "download_records_count",
        "clean_records_count",
        "error_count",
        "load_records_count",
        "load_error_count",
        "pretty_clean_size",
    )
    list_filter = ("version",)
    search_fields = ("file_name",)
