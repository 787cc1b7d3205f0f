"""Documentation of the filing forms and their parts, and where each is stored and processed."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from calaccess_processed import specs
from calaccess_raw import schema

from .common import ObjectPages, Page


class FormIndexView(Page):
    """Every filing form of the schema."""

    url_name = "website-forms"
    template_name = "calaccess_web/website/forms.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["forms"] = schema.load().forms
        return context


class FormView(ObjectPages):
    """One form: its parts and schedules, the raw tables storing it, its processed models."""

    url_name = "website-form"
    template_name = "calaccess_web/website/form.html"

    def objects(self):
        return schema.load().forms

    def kwargs_for(self, obj: schema.Form) -> dict[str, str]:
        return {"form_id": obj.id}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        declared = schema.load()
        try:
            form = declared.form(self.kwargs["form_id"])
        except KeyError:
            raise Http404(f"no form {self.kwargs['form_id']}") from None
        context["form"] = form
        context["tables"] = [
            (table, [str(f) for f in table.filing_forms if f.form.id == form.id])
            for table in declared.tables
            if any(f.form.id == form.id for f in table.filing_forms)
        ]
        context["models"] = [model for model in specs.load().models if model.form == form.id]
        return context
