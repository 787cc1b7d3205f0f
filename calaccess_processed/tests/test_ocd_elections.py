"""The OCD elections over one real scrape of the captured website: every measure, recall, dated
election and candidate placed; ids stable across rebuilds; reruns and verbosity change nothing."""

from __future__ import annotations

from datetime import date

import pytest

from calaccess_processed.commands.load_ocd_elections import LoadOCDElections, step_order
from calaccess_processed.models.ocd import (
    BallotMeasureContest,
    Candidacy,
    CandidateContest,
    Division,
    Election,
    Membership,
    Organization,
    Person,
    PersonIdentifier,
    RetentionContest,
)
from calaccess_processed.ocd.candidate_contests import contest_id
from calaccess_processed.ocd.election_dates import candidate_election_date
from calaccess_processed.ocd.ids import ocd_id
from calaccess_processed.tests.ocd_scrape import ocd_tables, run
from calaccess_scraped.models import Candidate, CandidateElection, Incumbent, Proposition
from django_commander.registry import commands

pytestmark = pytest.mark.django_db
STATE = "ocd-division/country:us/state:ca"


@pytest.fixture(scope="module")
def first_load(ocd_load) -> tuple:
    """The scrape, then ``loadocdelections`` at verbosity 0: its output, error and tables."""
    return ocd_load


def tables() -> dict[str, list[tuple]]:
    return ocd_tables()


def recall_titles() -> set[str]:
    return {m.name for m in Proposition.objects.all() if "RECALL" in m.name}


def test_every_measure_is_a_contest_and_every_recall_a_retention_contest(first_load):
    recalls = recall_titles()
    assert len(recalls) == 3
    measures = Proposition.objects.exclude(name__in=recalls)
    assert BallotMeasureContest.objects.count() == measures.count() == 173
    assert RetentionContest.objects.count() == 3
    assert set(BallotMeasureContest.objects.values_list("identifiers__identifier", flat=True)) == {
        str(m) for m in measures.values_list("measure_id", flat=True)
    }
    recall = RetentionContest.objects.get(identifiers__identifier="1406229")
    assert recall.division_id == "ocd-division/country:us/state:ca/sldu:29"
    assert (recall.election.date, recall.name) == (
        date(2018, 6, 5),
        "SENATE DISTRICT 29 - SPECIAL RECALL ELECTION",
    )
    assert sorted(recall.options.values_list("text", flat=True)) == ["NO", "YES"]
    assert recall.id == ocd_id("contest", "recall", 1406229)


def test_elections_are_dated_by_scrape_table_or_statute_and_undated_ones_named(first_load):
    out, error, _ = first_load
    assert error is not None and error.returncode == 3
    assert "load_ocd_candidate_elections" in str(error)
    assert "No date is known for 2 election(s)" in str(error)
    assert "2001 SPECIAL ELECTION (ASSEMBLY 65) (#10)" in str(error)
    assert out == ""  # verbosity 0 says nothing, yet loads everything
    dated = {e.election_id: candidate_election_date(e) for e in CandidateElection.objects.all()}
    assert dated[41] == date(2014, 11, 4)  # 2014 GENERAL: first Tuesday after first Monday
    assert dated[15] == date(2008, 6, 3)  # 2008 PRIMARY: the maintained table
    assert dated[5] == date(2004, 3, 2)  # 2004 PRIMARY: the scraped date
    days = {day for day in dated.values() if day} | set(
        Proposition.objects.values_list("election__date", flat=True)
    )
    assert set(Election.objects.values_list("date", flat=True)) == days
    assert Election.objects.count() == 71
    primary = Election.objects.get(date=date(2020, 3, 3))
    assert primary.name == "2020 PRIMARY"  # not the special election held the same day
    assert set(primary.identifiers.values_list("scheme", "identifier")) >= {
        ("calaccess_election_id", "70"),
        ("calaccess_election_id", "160"),
    }


def test_divisions_come_from_the_package_and_parties_merge_no_party_labels(first_load):
    assert Division.objects.count() == 2368
    assert (
        Division.objects.get(id=f"{STATE}/place:angels_camp").redirect_id == f"{STATE}/place:angels"
    )
    senate = Division.objects.get(id=f"{STATE}/sldu:29")
    assert (senate.subtype2, senate.subid2, senate.name) == (
        "sldu",
        "29",
        "California State Senate district 29",
    )
    parties = Organization.objects.filter(classification="party")
    assert parties.count() == 10
    no_party = parties.get(name="NO PARTY PREFERENCE")
    assert set(no_party.identifiers.values_list("identifier", flat=True)) == {
        "0",
        "16007",
        "16009",
        "16012",
    }
    assert not parties.filter(name__in=["INDEPENDENT", "NON PARTISAN", "UNKNOWN"]).exists()


def test_every_candidate_of_a_dated_list_is_one_candidacy_in_its_contest(first_load):
    placed = [e for e in CandidateElection.objects.all() if candidate_election_date(e)]
    candidates = Candidate.objects.filter(election__in=placed)
    certified = Candidacy.objects.filter(registration_status="qualified")
    assert certified.count() == candidates.count() == 7077  # the Form 501s' are "filed"
    waldron = Candidacy.objects.get(
        contest_id=contest_id(CandidateElection.objects.get(name="2018 PRIMARY"), "ASSEMBLY 75"),
        candidate_name="WALDRON, MARIE",
    )
    assert waldron.party.name == "REPUBLICAN"  # from the party corrections
    assert waldron.post.division_id == "ocd-division/country:us/state:ca/sldl:75"
    assert waldron.person.identifiers.get().identifier == "1273672"
    assert waldron.person.candidacies.count() == candidates.filter(filer_id=1273672).count()
    filer_ids = PersonIdentifier.objects.filter(scheme="calaccess_filer_id")
    assert filer_ids.count() == filer_ids.values("identifier").distinct().count()
    assert {
        str(f) for f in candidates.exclude(filer_id=None).values_list("filer_id", flat=True)
    } <= (set(filer_ids.values_list("identifier", flat=True)))
    runoff = CandidateContest.objects.get(
        id=contest_id(CandidateElection.objects.get(election_id=161), "STATE SENATE 28")
    )
    assert runoff.runoff_for_contest_id == contest_id(
        CandidateElection.objects.get(election_id=160), "STATE SENATE 28"
    )
    assert runoff.previous_term_unexpired
    # One person per filer id or unlinked name and contest; the two unlinked CHOI, TEDDYs of
    # two contests are one, merged by the Form 501s that name both.
    assert Person.objects.filter(candidacies__in=certified).distinct().count() == 4161


def test_every_listed_officeholder_is_one_membership_and_flags_candidacies(first_load):
    holders = Incumbent.objects.filter(vacant=False)
    assert Membership.objects.count() == holders.count() + 1 == 1120  # + the recalled senator's
    dahle = Membership.objects.get(start_date="2025", post__label="STATE SENATE 01")
    assert (dahle.person_name, dahle.end_date) == ("DAHLE, MEGAN", "2026")
    assert dahle.person.identifiers.get().identifier == "1419120"
    assert dahle.organization.parent.name == "CALIFORNIA STATE LEGISLATURE"
    flags = dict(
        Candidacy.objects.filter(candidate_name="WALDRON, MARIE").values_list(
            "contest__election__name", "is_incumbent"
        )
    )
    assert flags["2018 PRIMARY"] is True  # she held Assembly 75 in the 2017 session
    assert flags["2012 PRIMARY"] is False  # the 2011 session's member was someone else
    assert flags["2006 PRIMARY"] is None  # the 2005 session's list was not captured


def test_the_pipeline_runs_each_step_after_its_dependencies():
    order = step_order()
    assert set(order) == set(LoadOCDElections.step_commands)
    for position, name in enumerate(order):
        for dependency, _ in commands[name].dependencies:
            if dependency in order:
                assert order.index(dependency) < position, (name, dependency)
    assert order[-4:] == [
        "merge_ocd_persons_by_filer_id",
        "load_ocd_candidacies_from_501s",
        "merge_ocd_persons_by_contest_and_name",
        "load_ocd_incumbent_officeholders",
    ]


def test_a_rebuild_at_verbosity_3_yields_the_same_tables_and_a_rerun_adds_nothing(first_load):
    _, _, loaded = first_load
    out, error = run("loadocdelections", "--noinput", "--flush", "--verbosity=3")
    assert error is not None and error.returncode == 3
    assert "173 ballot measure contest(s)." in out
    assert tables() == loaded
    out, error = run("loadocdelections", "--noinput", "--force-restart")
    assert tables() == loaded


def test_an_unknown_office_is_a_one_line_error(first_load):
    election = CandidateElection.objects.get(name="2018 PRIMARY")
    Candidate.objects.create(
        election=election,
        sort_order=99999,
        category="LOCAL",
        office="DOGCATCHER",
        name="REX",
        url=election.url,
        scraped_at=election.scraped_at,
    )
    _, error = run("loadocdcandidatecontests", "--noinput")
    assert error is not None and error.returncode == 1
    assert (
        str(error) == "The office 'DOGCATCHER' is not a known kind of office; add it to ocd.offices"
    )
