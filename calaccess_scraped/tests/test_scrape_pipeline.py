"""``scrapecalaccess``: every scraper and the committee links, then a resume of what failed."""

from __future__ import annotations

from datetime import date

import pytest

from calaccess_scraped.models import (
    Candidate,
    CandidateCommittee,
    CandidateElection,
    IncumbentElection,
    PropositionCommittee,
    ScrapeRun,
)
from calaccess_scraped.tests.commands_support import run
from calaccess_scraped.tests.raw_links import load_sample_filer_links
from django_commander.models import CommandLog

pytestmark = pytest.mark.django_db


def scrapes(scraper: str) -> int:
    return ScrapeRun.objects.filter(scraper=scraper).count()


def test_the_pipeline_runs_every_scraper_and_resumes_the_incomplete_ones(
    website, http_server, scrape_settings
):
    load_sample_filer_links()
    error = run("scrapecalaccess")
    assert error.startswith("Some pages could not be fetched, the rest was saved: propositions (4")
    assert "candidates (19 pages" in error and "incumbents (3 pages" in error
    assert (Candidate.objects.count(), IncumbentElection.objects.count()) == (7087, 118)
    assert PropositionCommittee.objects.count() == 901
    assert CandidateCommittee.objects.count() == 30
    dates = dict(CandidateElection.objects.values_list("election_id", "date"))
    assert dates[5] == date(2004, 3, 2)  # 2004 PRIMARY
    assert dates[14] == date(2003, 10, 7)  # 2003 SPECIAL ELECTION (GOVERNOR): the recall
    assert dates[195] is None  # 2025 had special elections on three dates
    assert dates[15] is None  # 2008 PRIMARY: February and June 2008 both had one
    assert dates[75] is None  # 2013 SPECIAL ELECTION: the 2013 incumbent list was not captured
    committees = ScrapeRun.objects.get(scraper="candidate_committees")
    assert (committees.status, committees.rows_saved) == (ScrapeRun.Status.FINISHED, 30)
    statuses = dict(CommandLog.objects.values_list("command__name", "status"))
    assert statuses["scrape_candidate_committees"] == CommandLog.SUCCESS
    assert statuses["scrape_candidates"] == CommandLog.FAILURE

    http_server.requests.clear()
    error = run("scrapecalaccess", "--cache-only")
    assert http_server.requests == []
    assert error.startswith("Some pages could not be fetched")
    # the resumed run repeats the incomplete scrapers only
    assert (scrapes("propositions"), scrapes("candidates"), scrapes("incumbents")) == (2, 2, 2)
    assert scrapes("candidate_committees") == 1
    assert Candidate.objects.count() == 7087
