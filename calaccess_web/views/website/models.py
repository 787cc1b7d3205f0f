"""Documentation of the processed models: fields, where each comes from, amendment and totals rules.

Derived from the models themselves and the declared mapping (``calaccess_processed/specs``), the
same rows the loader's SQL is generated from.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from django.http import Http404

from calaccess_processed import specs

from .common import ObjectPages, Page

AMENDMENTS = {
    "version": (
        "Every amendment: one row per filing version (filing_id, amend_id), each knowing its "
        "place in the amendment chain."
    ),
    "latest": (
        "The latest amendment only: the version with the highest amend_id of each filing, "
        "so an item amended away is gone."
    ),
}


def processed_models() -> list[type[models.Model]]:
    """Every model of the processed app, in declaration order."""
    return list(apps.get_app_config("calaccess_processed").get_models())


def _spec(name: str) -> specs.ModelSpec | None:
    try:
        return specs.load().model(name)
    except KeyError:
        return None


def describe(model: type[models.Model]) -> dict[str, Any]:
    """What a model page shows: the fields with their sources and the rules that apply."""
    name = model.__name__
    spec = _spec(name)
    sources: dict[str, str] = {}
    if spec is not None:
        for column in spec.fields:
            sources[column.field] = (
                f"{spec.source_table}.{column.column} ({specs.CONVERSIONS[column.conversion]})"
            )
        for line in spec.summary_lines:
            sources[line.field] = (
                f"SMRY_CD.{line.column} where FORM_TYPE {line.form_type}, "
                f"LINE_ITEM {line.line_item}"
            )
    fields = [
        {
            "name": field.name,
            "type": field.get_internal_type(),
            "help": str(getattr(field, "help_text", "") or ""),
            "source": sources.get(field.name, ""),
        }
        for field in model._meta.concrete_fields
    ]
    amendment = ""
    if spec is not None:
        amendment = AMENDMENTS["version" if name == spec.version_name else "latest"]
    return {
        "name": name,
        "doc": (model.__doc__ or "").strip(),
        "spec": spec,
        "fields": fields,
        "amendment": amendment,
        "table": model._meta.db_table,
    }


class ModelIndexView(Page):
    """Every processed model, and the totals rules."""

    url_name = "website-models"
    template_name = "calaccess_web/website/models.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["models"] = [describe(model) for model in processed_models()]
        context["totals_rules"] = specs.totals_rules()
        return context


class ModelView(ObjectPages):
    """One processed model."""

    url_name = "website-model"
    template_name = "calaccess_web/website/model.html"

    def objects(self):
        return processed_models()

    def kwargs_for(self, obj: type[models.Model]) -> dict[str, str]:
        return {"name": obj.__name__}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        by_name = {model.__name__: model for model in processed_models()}
        if self.kwargs["name"] not in by_name:
            raise Http404(f"no processed model {self.kwargs['name']}")
        context["model"] = describe(by_name[self.kwargs["name"]])
        context["totals_rules"] = specs.totals_rules()
        return context
