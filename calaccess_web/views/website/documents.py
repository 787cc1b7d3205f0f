"""The official documents the schema cites, with links to each page and its image."""

from __future__ import annotations

from typing import Any

from calaccess_raw import schema

from .common import Page


class DocumentsView(Page):
    """Every official document: title, pages, and which tables and forms cite it."""

    url_name = "website-documents"
    template_name = "calaccess_web/website/documents.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        declared = schema.load()
        rows = []
        for document in declared.documents:
            tables = [
                t.name for t in declared.tables if any(p.document == document for p in t.documents)
            ]
            forms = [f.id for f in declared.forms if f.document == document]
            rows.append((document, tables, forms))
        context["documents"] = rows
        return context
