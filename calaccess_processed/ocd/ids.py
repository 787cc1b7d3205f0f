"""Deterministic OCD ids and readable slugs.

The older tool drew a random uuid for every object on every run, so a rebuild renamed everything.
Here an id is a uuid5 of the object's natural key (the website's election number, a measure id, a
filer id…) under one fixed namespace: the same scrape rebuilt from scratch yields the same ids.
"""

from __future__ import annotations

import uuid

from django.utils.text import slugify

#: Fixed for good: changing it would change every id ever published.
NAMESPACE = uuid.UUID("6f1c2f4e-9d53-5b8a-a4f0-3c1ad0ca1a13")
SLUG_LENGTH = 255


def ocd_id(kind: str, *key: object) -> str:
    """``ocd-<kind>/<uuid5>`` of the natural key: ``ocd_id("election", "2000-11-07")``."""
    name = "|".join([kind, *(str(part) for part in key)])
    return f"ocd-{kind}/{uuid.uuid5(NAMESPACE, name)}"


def make_slug(*parts: object) -> str:
    """A readable slug of the parts, cut to fit the slug fields (keep a unique part last)."""
    text = slugify(" ".join(str(part) for part in parts if part != ""))
    return text[-SLUG_LENGTH:].lstrip("-")
