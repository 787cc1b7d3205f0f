"""Closing the tracking rows of scrapes that were killed before they could close them.

A scrape closes its own row whatever happens in Python, but a process killed outright (``kill -9``,
a lost machine, an out-of-memory kill) leaves it ``running`` for ever, which reads as a scrape
still under way. Each scrape, before it starts, marks such rows failed, with the reason:

- the row's process is gone: it ran on this machine (``host``) and its ``pid`` is not alive;
- the row is older than :data:`STALE_AFTER`, longer than any scrape runs, whatever machine ran it.

A row of another machine younger than that is left alone: its process cannot be checked from here.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from calaccess_scraped.models import ScrapeRun

STALE_AFTER = timedelta(hours=24)


def process_alive(pid: int) -> bool:
    """Whether a process of this machine with this id exists (signal 0 checks, sends nothing)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def stale_reason(run: ScrapeRun, now: datetime, host: str) -> str | None:
    """Why a ``running`` row cannot still be running, or None when it may be."""
    if run.host == host and run.pid is not None and not process_alive(run.pid):
        return f"closed as stale: its process {run.pid} on {host} ended without closing the run"
    if now - run.started_at > STALE_AFTER:
        hours = STALE_AFTER.total_seconds() / 3600
        return f"closed as stale: still marked running more than {hours:g} hours after it started"
    return None


def close_stale_runs(now: datetime) -> int:
    """Mark failed every ``running`` row that cannot still be running; return how many."""
    host = socket.gethostname()
    closed = 0
    for run in ScrapeRun.objects.filter(status=ScrapeRun.Status.RUNNING):
        reason = stale_reason(run, now, host)
        if reason:
            closed += ScrapeRun.objects.filter(pk=run.pk, status=ScrapeRun.Status.RUNNING).update(
                status=ScrapeRun.Status.FAILED, error=reason, finished_at=now
            )
    return closed
