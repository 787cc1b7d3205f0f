"""``scrapecalaccess``: every scraper, then a resume of what failed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from calaccess_scraped.models import (
    Candidate,
    IncumbentElection,
    PropositionCommittee,
    ScrapeRun,
)
from calaccess_scraped.tests.commands_support import run
from django_commander.models import CommandLog

pytestmark = pytest.mark.django_db


def scrapes(scraper: str) -> int:
    return ScrapeRun.objects.filter(scraper=scraper).count()


def test_the_pipeline_runs_every_scraper_and_resumes_the_incomplete_ones(
    website, http_server, scrape_settings
):
    error = run("scrapecalaccess")
    assert error.startswith("Some pages could not be fetched, the rest was saved: propositions (4")
    assert "candidates (19 pages" in error and "incumbents (3 pages" in error
    assert (Candidate.objects.count(), IncumbentElection.objects.count()) == (7087, 118)
    assert PropositionCommittee.objects.count() == 901
    statuses = dict(CommandLog.objects.values_list("command__name", "status"))
    assert "scrape_candidate_committees" not in statuses  # linking is processing: the job's
    assert statuses["scrape_candidates"] == CommandLog.FAILURE

    http_server.requests.clear()
    error = run("scrapecalaccess", "--cache-only")
    assert http_server.requests == []
    assert error.startswith("Some pages could not be fetched")
    # the resumed run repeats the incomplete scrapers only
    assert (scrapes("propositions"), scrapes("candidates"), scrapes("incumbents")) == (2, 2, 2)
    assert Candidate.objects.count() == 7087


def _mark_succeeded(scraper: str) -> None:
    step = CommandLog.objects.filter(command__name=scraper).latest("start_time")
    step.status = CommandLog.SUCCESS
    step.save()


def _age_every_run(hours: int) -> None:
    for log in CommandLog.objects.all():
        log.start_time -= timedelta(hours=hours)
        log.save()


def test_partial_scrapes_resume_within_the_window_only(website, http_server, scrape_settings):
    """Partial runs in a row are one attempt, bounded by CALACCESS_SCRAPE_RESUME_HOURS: the
    next night, the scrapers that completed run again too (a page failing every night must not
    freeze them), and a rerun soon after that fresh start resumes it."""
    scrape_settings.CALACCESS_SCRAPE_RESUME_HOURS = 20
    assert run("scrapecalaccess").startswith("Some pages could not be fetched")
    # Every captured scraper misses some pages; say the incumbents' completed.
    _mark_succeeded("scrape_incumbents")
    run("scrapecalaccess", "--cache-only")
    assert (scrapes("propositions"), scrapes("candidates"), scrapes("incumbents")) == (2, 2, 1)

    _age_every_run(24)  # the next night: a fresh start, every scraper
    run("scrapecalaccess", "--cache-only")
    assert (scrapes("propositions"), scrapes("candidates"), scrapes("incumbents")) == (3, 3, 2)

    _mark_succeeded("scrape_incumbents")  # a rerun the same night resumes that attempt
    run("scrapecalaccess", "--cache-only")
    assert (scrapes("propositions"), scrapes("candidates"), scrapes("incumbents")) == (4, 4, 2)
