"""Special election dates, the verification, processcalaccessdata's OCD steps and the exports,
over the real raw update of the coherent export, the real scrape of the captured website and one
``loadocdelections`` shared by the module."""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from calaccess_processed.archiving import ARCHIVED_MODELS, archive_release
from calaccess_processed.data import data_file
from calaccess_processed.models import Form501Filing, ProcessedDataVersion
from calaccess_processed.models.ocd import (
    BallotMeasureContest,
    Candidacy,
    CandidateContest,
    CandidateContestPost,
    Division,
    Person,
    PersonIdentifier,
    RetentionContest,
)
from calaccess_processed.ocd.candidate_contests import contest_id
from calaccess_processed.ocd.election_dates import (
    SPECIAL_DATES_FILE,
    candidate_election_date,
    special_dates,
)
from calaccess_processed.ocd.elections import load_candidate_elections
from calaccess_processed.ocd.errors import ElectionsUndated
from calaccess_processed.ocd.exports import FLAT_EXPORTS
from calaccess_processed.ocd.verification import LISTED, expected_offices, verify
from calaccess_processed.tests.coherent import manifest
from calaccess_processed.tests.ocd_scrape import forget_scrape_and_elections, run, scraped_website
from calaccess_scraped.models import CandidateElection, Proposition
from calaccess_scraped.parsing.candidates import ELECTION_NAVIGATION
from calaccess_scraped.parsing.election_names import parse_candidate_election_name
from calaccess_toolkit.testing.fixtures import fixture

pytestmark = pytest.mark.django_db
#: The fixture's special lists no public source consulted dates (the 2001 Assembly 65 special).
UNDATED = ("2001 SPECIAL RUNOFF (ASSEMBLY 65) (#11)", "2001 SPECIAL ELECTION (ASSEMBLY 65) (#10)")


@pytest.fixture(scope="module")
def loaded(coherent_data, django_db_blocker, tmp_path_factory) -> Iterator[tuple]:
    """Raw + processed filings (package), the scrape and ``loadocdelections``: output, error."""
    with django_db_blocker.unblock(), scraped_website(tmp_path_factory.mktemp("ocd")) as started:
        yield run("loadocdelections", "--noinput")
        forget_scrape_and_elections(started)


def special_rows() -> list[dict[str, str]]:
    with data_file(SPECIAL_DATES_FILE).open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_the_special_dates_table_names_its_lists_and_cites_a_source():
    rows = special_rows()
    assert len(rows) == 69  # the 55 lists of the fixtures and 14 more the site lists
    for row in rows:
        assert row["name"] == f"{row['year']} {row['type']} ({row['district']})"
        assert date.fromisoformat(row["date"]).year == int(row["year"])
        assert row["source"].startswith("http"), row["name"]
    assert len({(r["year"], r["type"], r["district"]) for r in rows}) == len(rows)


def test_every_fixture_list_is_dated_but_one_special_whose_date_is_unknown(loaded):
    _, error = loaded
    dated = {e.election_id: candidate_election_date(e) for e in CandidateElection.objects.all()}
    assert len(dated) == 87
    assert sorted(pk for pk, day in dated.items() if day is None) == [10, 11]
    assert dated[195] == date(2025, 2, 25)  # SD 36: the table (the scrape leaves it undated)
    assert dated[144] == date(2018, 8, 7)  # SD 32 runoff
    assert dated[73] == date(2013, 1, 8)  # SD 4 special general of January 2013
    assert dated[72] == date(2012, 11, 6)  # the scraped date comes first
    assert error is not None and error.returncode == 3
    assert "No date is known for 2 election(s), which were not loaded: " in str(error)
    assert all(name in str(error) for name in UNDATED)


def test_the_table_dates_every_special_list_the_site_names_but_three(loaded):
    """The 2025 capture's navigation lists every election of the site; the scrape or the table
    dates each special one, but for three no public source consulted gave a day for."""
    page = fixture("calaccess-website", "html", "candidates", "195.html")
    navigation = ELECTION_NAVIGATION.parse(page.read_bytes(), page.name)
    scraped = dict(CandidateElection.objects.values_list("name", "date"))
    undated = []
    for entry in navigation.entries:
        name = parse_candidate_election_name(entry.label)
        key = (name.year, name.type, name.seat)
        if name.type.startswith(("SPECIAL", "RECALL")) and key not in special_dates():
            if not scraped.get(entry.label):
                undated.append(entry.label)
    assert len(navigation.entries) == 106
    assert sorted(undated) == [
        "2001 SPECIAL ELECTION (ASSEMBLY 65)",
        "2001 SPECIAL RUNOFF (ASSEMBLY 65)",
        "2005 SPECIAL ELECTION (ASSEMBLY 53)",
    ]


def test_a_made_up_special_election_without_a_date_is_named(loaded):
    known = CandidateElection.objects.get(election_id=195)
    CandidateElection.objects.create(
        election_id=9999,
        name="2030 SPECIAL ELECTION (ASSEMBLY 99)",
        type="SPECIAL ELECTION",
        seat="ASSEMBLY 99",
        year=2030,
        url=known.url,
        scraped_at=known.scraped_at,
    )
    with pytest.raises(ElectionsUndated) as raised:
        load_candidate_elections()
    assert "2030 SPECIAL ELECTION (ASSEMBLY 99) (#9999)" in raised.value.names
    assert str(raised.value).count("\n") == 0


def test_the_expectations_follow_the_election_calendar():
    assert len(expected_offices(2022)) == 8 + 4 + 20 + 80  # executives, BOE, even Senate, Assembly
    assert "STATE SENATE 40" in expected_offices(2022)
    assert "STATE SENATE 39" in expected_offices(2024)
    assert len(expected_offices(2024)) == 20 + 80
    assert expected_offices(2025) == []


def test_verification_passes_on_the_fixtures(loaded):
    out, error = run("verifycalaccessprocesseddata", "--noinput", "--verbosity=2")
    assert error is None, error
    assert "expected regular contests: ok" in out
    assert "All 7 checks passed." in out
    # The expectation bit: every regular list of 2022 has its 112 regular contests.
    primary = CandidateElection.objects.get(name="2022 PRIMARY")
    assert CandidateContest.objects.filter(
        id__in=[contest_id(primary, label) for label in expected_offices(2022)]
    ).count() == len(expected_offices(2022))


def break_the_tables() -> None:
    """A duplicated person, two incumbents in one contest, a measure without its contest."""
    waldron = Person.objects.get(identifiers__identifier="1273672")
    twin = Person.objects.create(id="ocd-person/twin", name=waldron.name, slug="waldron-twin")
    PersonIdentifier.objects.create(person=twin, scheme="calaccess_filer_id", identifier="1273672")
    contest = CandidateContest.objects.get(
        id=contest_id(CandidateElection.objects.get(name="2018 PRIMARY"), "ASSEMBLY 75")
    )
    contest.candidacies.update(is_incumbent=True)
    BallotMeasureContest.objects.filter(identifiers__identifier="1449834").delete()


def test_verification_fails_on_a_broken_fixture_naming_each_failure(loaded):
    assert Proposition.objects.filter(measure_id=1449834).exists()
    break_the_tables()
    out, error = run("verifycalaccessprocesseddata", "--noinput")
    assert error is not None and error.returncode == 1
    lines = str(error).splitlines()
    assert lines[0].startswith("Verification failed: ")
    assert "(people by filer id, incumbents per contest, measures as contests)" in lines[0]
    assert "  people by filer id: filer id 1273672 is 2 people: WALDRON, MARIE" in lines
    incumbents = [line for line in lines if line.startswith("  incumbents per contest: ")]
    assert incumbents and incumbents[0].startswith(
        "  incumbents per contest: ASSEMBLY 75 (2018 PRIMARY) has "
    )
    assert any(line.startswith("  measures as contests: measure 1449834 (") for line in lines)
    assert out == ""


def test_a_long_list_of_failures_is_cut_with_a_count(loaded):
    RetentionContest.objects.all().delete()
    BallotMeasureContest.objects.all().delete()
    report = verify()
    assert report.failure_count == Proposition.objects.count() == 176
    lines = report.text().splitlines()
    assert len(lines) == 1 + LISTED + 1
    assert lines[-1] == f"  measures as contests: … and {176 - LISTED} more"


def test_processing_stops_on_a_failed_verification_or_goes_on_with_the_option(loaded, data_dir):
    # Broken where the loaders do not mend it (they would merge a duplicated person again): a
    # contest they never made, in an Assembly district that does not exist.
    assembly_75 = CandidateContest.objects.get(
        id=contest_id(CandidateElection.objects.get(name="2018 PRIMARY"), "ASSEMBLY 75")
    )
    post = assembly_75.posts.get().post
    nowhere = Division.objects.create(
        id="ocd-division/country:us/state:ca/sldl:99", name="Assembly District 99", country="us"
    )
    assembly_75.pk, assembly_75.slug, assembly_75.name = (
        "ocd-contest/nowhere",
        "nowhere",
        "ASSEMBLY 99",
    )
    assembly_75.division = nowhere
    assembly_75.save(force_insert=True)
    CandidateContestPost.objects.create(contest=assembly_75, post=post)
    missing = "ASSEMBLY 99 (2018 PRIMARY) is in ocd-division/country:us/state:ca/sldl:99"
    manifest_path = data_dir / "processed" / "manifest.json"
    manifest_path.unlink(missing_ok=True)
    _, error = run("processcalaccessdata", "--noinput")
    assert error is not None and error.returncode == 1
    assert "Verification failed: " in str(error) and missing in str(error)
    assert not manifest_path.exists()  # stopped before the exports
    _, error = run("processcalaccessdata", "--noinput", "--keep-going-on-verify-failure")
    assert error is not None and error.returncode == 3
    assert "verify_processed_data" in str(error) and missing in str(error)
    assert "load_ocd_elections" in str(error)  # the two undated lists
    assert manifest_path.exists()  # the exports were written


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_exports_count_every_row_and_the_manifest_hashes_them(
    loaded, data_dir, settings, tmp_path
):
    settings.CALACCESS_STORE_ARCHIVE = True
    settings.MEDIA_ROOT = str(tmp_path / "media")
    version = ProcessedDataVersion.objects.get()
    archive_release(version)
    folder = data_dir / "processed"
    listed = {f["model"]: f for f in json.loads((folder / "manifest.json").read_text())["files"]}
    assert set(listed) == set(ARCHIVED_MODELS) | {e.name for e in FLAT_EXPORTS}
    for name, entry in listed.items():
        path = folder / entry["path"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], name
        assert len(read_csv(path)) == entry["row_count"], name
    assert listed["Person"]["row_count"] == Person.objects.count() == 4233
    # 7077 certified candidacies, 111 from Form 501s the website lacks
    assert listed["Candidates"]["row_count"] == Candidacy.objects.count() == 7188
    assert listed["BallotMeasures"]["row_count"] == 173
    assert listed["RecallMeasures"]["row_count"] == 3

    candidates = read_csv(folder / "Candidates.csv")
    waldron = next(
        row
        for row in candidates
        if row["name"] == "WALDRON, MARIE" and row["election"] == "2018 PRIMARY"
    )
    assert waldron["party"] == "REPUBLICAN"
    assert (waldron["date"], waldron["office"]) == ("2018-06-05", "ASSEMBLY 75")
    assert (waldron["incumbent"], waldron["special_election"]) == ("True", "False")
    assert waldron["latest_filer_id"] == "1273672"
    assert waldron["person_ocd_id"] == Person.objects.get(identifiers__identifier="1273672").id
    filed = manifest()["form_501"][0]  # PRITCHARD, BRYAN T., 2022 PRIMARY, ASSEMBLY 04
    pritchard = next(
        row
        for row in candidates
        if row["latest_filer_id"] == filed["filer_id"] and row["election"] == "2022 PRIMARY"
    )
    filings = Form501Filing.objects.filter(
        filer_id=filed["filer_id"], election_year=filed["election_year"]
    )
    assert pritchard["office"] == filed["office"]
    assert int(pritchard["latest_form501_filing_id"]) == filed["filing_id"]
    assert int(pritchard["form501_count"]) == filings.count() >= 1
    special = next(row for row in candidates if row["election"].startswith("2025 SPECIAL"))
    assert (special["special_election"], special["date"]) == ("True", "2025-02-25")

    recalls = read_csv(folder / "RecallMeasures.csv")
    newman = next(row for row in recalls if row["measure_id"] == "1406229")
    assert (newman["date"], newman["recall"]) == (
        "2018-06-05",
        "SENATE DISTRICT 29 - SPECIAL RECALL ELECTION",
    )
    assert newman["division"] == "California State Senate district 29"

    version.refresh_from_db()
    with zipfile.ZipFile(version.archive.path) as archive:
        names = set(archive.namelist())
    assert {"Candidates.csv", "BallotMeasures.csv", "RecallMeasures.csv", "Person.csv"} <= names


def test_processing_without_a_scrape_skips_the_ocd_steps_and_says_so(coherent_data):
    # The package's processing ran on the raw data alone, before any module's scrape.
    assert "No scraped website data in this database: the Open Civic Data elections" in (
        coherent_data
    )
    assert "verify_processed_data" not in coherent_data
