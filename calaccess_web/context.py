"""Template context every page shares: which raw release and processing run its data is from."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from calaccess_processed.models import ProcessedDataVersion


def data_release(request: HttpRequest) -> dict[str, Any]:
    """The latest processed release (``None`` before the first processing run)."""
    latest = ProcessedDataVersion.objects.order_by("-raw_release_datetime").first()
    return {"processed_version": latest}
