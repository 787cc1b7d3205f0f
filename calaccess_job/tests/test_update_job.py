"""``updatecalaccess`` end to end: the sample export and the captured website, over real HTTP.

One local server serves the export ZIP and every captured page of the website; the job loads the
raw tables, scrapes, dates the elections and links the candidates' committees. The captured
website lacks some pages, so the scrape ends incomplete: the job processes what was scraped and
exits partial, naming the scrape and the two candidate lists no date is known for (the OCD
elections). A second run with ``--skip-scrape`` sends no request to the website.
"""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from calaccess_processed.models import CandidateCommittee
from calaccess_raw.models import FilerLinksCd, RawDataVersion
from calaccess_raw.tests.download_support import EXPORT_PATH, export_bytes, export_url
from calaccess_scraped.models import Candidate, CandidateElection, ScrapeRun
from calaccess_scraped.tests.website import serve_website
from calaccess_toolkit import network
from calaccess_toolkit.errors import EXIT_PARTIAL
from django_commander.models import CommandLog

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def state_servers(http_server, settings, data_dir, monkeypatch):
    """The export and the website on one local server, with fast retries and no rate limit."""
    http_server.add(EXPORT_PATH, export_bytes())
    serve_website(http_server)
    settings.CALACCESS_DOWNLOAD_URL = export_url(http_server)
    settings.CALACCESS_WEBSITE_URL = http_server.url
    settings.CALACCESS_SCRAPER_RATE = 0
    settings.CALACCESS_HTTP_RETRIES = 1
    settings.CALACCESS_HTTP_TIMEOUT = 5.0
    monkeypatch.setattr(network, "BACKOFF_SECONDS", 0.01)
    return http_server


def job(*options: str) -> CommandError | None:
    try:
        call_command("updatecalaccess", "--noinput", *options, stdout=StringIO())
    except CommandError as error:
        return error
    return None


def statuses() -> dict[str, str]:
    return dict(CommandLog.objects.order_by("pk").values_list("command__name", "status"))


def test_the_job_loads_scrapes_and_processes_and_skip_scrape_leaves_the_website_alone(
    state_servers,
):
    error = job()
    assert error is not None and error.returncode == EXIT_PARTIAL
    assert "scrape" in str(error)
    assert "2001 SPECIAL ELECTION (ASSEMBLY 65) (#10)" in str(error)  # no date: not loaded
    assert RawDataVersion.objects.get().update_completed
    assert FilerLinksCd.objects.count() == 1000
    assert Candidate.objects.count() == 7087
    dates = dict(CandidateElection.objects.values_list("election_id", "date"))
    assert dates[5] == date(2004, 3, 2)  # 2004 PRIMARY
    assert dates[14] == date(2003, 10, 7)  # 2003 SPECIAL ELECTION (GOVERNOR): the recall
    assert dates[195] is None  # 2025 had special elections on three dates
    assert dates[15] is None  # 2008 PRIMARY: February and June 2008 both had one
    assert dates[75] is None  # 2013 SPECIAL ELECTION: the 2013 incumbent list was not captured
    assert CandidateCommittee.objects.count() == 30
    ran = statuses()
    assert ran["scrape"] == CommandLog.FAILURE
    assert ran["date_elections"] == ran["link_candidate_committees"] == CommandLog.SUCCESS
    assert ran["update_calaccess"] == CommandLog.FAILURE
    assert ran["verify_processed_data"] == CommandLog.SUCCESS

    state_servers.requests.clear()
    scrapes = ScrapeRun.objects.count()
    error = job("--skip-scrape")  # the next night: not a resume of the partial one
    assert error is not None and error.returncode == EXIT_PARTIAL
    succeeded = CommandLog.objects.filter(status=CommandLog.SUCCESS)
    for step in ("update_raw_data", "date_elections", "link_candidate_committees"):
        assert succeeded.filter(command__name=step).count() == 2, f"{step} ran again"
    assert CommandLog.objects.filter(command__name="process_data").count() == 2
    assert "process_data (" in str(error) and "scrape (" not in str(error)
    assert "2001 SPECIAL ELECTION (ASSEMBLY 65) (#10)" in str(error)
    assert {request.path for request in state_servers.requests} <= {EXPORT_PATH}
    assert ScrapeRun.objects.count() == scrapes
    assert CandidateCommittee.objects.count() == 30
    assert dates == dict(CandidateElection.objects.values_list("election_id", "date"))
