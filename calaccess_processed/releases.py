"""Which raw release processing works on: the latest completed one, never a stalled update."""

from __future__ import annotations

from datetime import datetime

from calaccess_raw.models import RawDataVersion

from .models import ProcessedDataVersion
from .transforming import RawUpdateNotReady, start_version


def release_to_process() -> RawDataVersion:
    """The newest raw release whose update completed; refuses while the newest one is stalled."""
    newest = RawDataVersion.objects.latest_release()
    if newest is None:
        raise RawUpdateNotReady("no raw release loaded yet: run updatecalaccessrawdata first")
    if newest.update_stalled:
        raise RawUpdateNotReady(
            f"the raw update of the release of {newest} stalled: finish it "
            "(updatecalaccessrawdata) before processing"
        )
    completed = RawDataVersion.objects.completed().order_by("-release_datetime").first()
    if completed is None:
        raise RawUpdateNotReady(
            f"the raw update of the release of {newest} has not finished yet: process it afterwards"
        )
    return completed


def current_version(restart: bool = False) -> ProcessedDataVersion:
    """The processing tracking row of the release to process (see :func:`start_version`)."""
    return start_version(release_to_process().release_datetime, restart=restart)


def resume_since(since: datetime | None) -> datetime | None:
    """Bound an interrupted processing attempt by the processing of the release on offer now.

    The attempt may have begun on an older raw release: only what ran since the processing of
    this release started counts as done (None, a fresh start, when it never started).
    """
    if since is None:
        return None
    started = (
        ProcessedDataVersion.objects.filter(
            raw_release_datetime=release_to_process().release_datetime
        )
        .values_list("started_at", flat=True)
        .first()
    )
    return None if started is None else max(since, started)
