"""Every setting the apps declare, with its default and what it does."""

from __future__ import annotations

from typing import Any

from calaccess_toolkit import conf

from .common import Page


class SettingsView(Page):
    """The settings, by the app that declares them, an anchor per setting."""

    url_name = "website-settings"
    template_name = "calaccess_web/website/settings.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["apps"] = sorted(conf.declarations().items())
        return context
