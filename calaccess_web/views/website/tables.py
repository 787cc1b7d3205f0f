"""Documentation of the raw tables, straight from the declared schema (``calaccess_raw/schema``)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from calaccess_raw import schema

from .common import ObjectPages, Page


def document_pages(references) -> list[dict[str, Any]]:
    """Each cited page range: its label, and every page's address and page image."""
    return [
        {
            "label": str(reference),
            "url": reference.document.canonical_url,
            "pages": [
                (
                    page,
                    f"{reference.document.canonical_url}#document/p{page}",
                    reference.document.page_image_url(page),
                )
                for page in reference.pages
            ],
        }
        for reference in references
    ]


class TableIndexView(Page):
    """Every raw table of the export, by group."""

    url_name = "website-tables"
    template_name = "calaccess_web/website/tables.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        tables = schema.load().tables
        groups = sorted({table.group for table in tables})
        context["groups"] = [(g, [t for t in tables if t.group == g]) for g in groups]
        context["table_count"] = len(tables)
        return context


class TableView(ObjectPages):
    """One raw table: its fields, types, lookup codes, definitions and official pages."""

    url_name = "website-table"
    template_name = "calaccess_web/website/table.html"

    def objects(self):
        return schema.load().tables

    def kwargs_for(self, obj: schema.Table) -> dict[str, str]:
        return {"name": obj.name}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        try:
            table = schema.load().table(self.kwargs["name"])
        except KeyError:
            raise Http404(f"no raw table {self.kwargs['name']}") from None
        context["table"] = table
        context["documents"] = document_pages(table.documents)
        tables = {t.model_name: t.name for t in schema.load().tables}
        context["fields"] = [
            (field, document_pages(field.documents), tables.get(field.references, ""))
            for field in table.fields
        ]
        return context
