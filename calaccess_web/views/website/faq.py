"""Frequently asked questions about the data and the downloads."""

from __future__ import annotations

from .common import Page


class FaqView(Page):
    """The FAQ (its text lives in the template)."""

    url_name = "website-faq"
    template_name = "calaccess_web/website/faq.html"
