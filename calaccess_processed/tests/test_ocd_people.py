"""OCD people over the coherent export's Form 501s and the captured site: 501s joining or adding
candidacies, parties filled and corrected, merges logged and resolvable, recalls linked to the
recalled membership, and rebuilds that give the same ids."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from calaccess_processed.models import Form501Filing
from calaccess_processed.models.ocd import (
    OCD_MODELS,
    Candidacy,
    CandidateContest,
    Person,
    PersonIdentifier,
    PersonMerge,
    PersonName,
    RetentionContest,
)
from calaccess_processed.ocd.candidate_contests import contest_id
from calaccess_processed.ocd.form501s import load_candidacies_from_501s
from calaccess_processed.ocd.ids import ocd_id
from calaccess_processed.ocd.people import FILER_SCHEME, filer_person_id, resolve_person
from calaccess_processed.tests.coherent import manifest
from calaccess_processed.tests.ocd_scrape import ocd_tables, run
from calaccess_scraped.models import CandidateElection
from calaccess_toolkit.admin import ReadOnlyAdmin
from django_commander.models import CommandLog

pytestmark = pytest.mark.django_db


def form501_ids(candidacy: Candidacy) -> list[int]:
    return candidacy.extras.get("form501_filing_ids", [])


def candidacies_of_501(filing_id: int) -> list[Candidacy]:
    return [c for c in Candidacy.objects.all() if filing_id in form501_ids(c)]


def handmade_501(filing_id: int, filer_id: str, last: str, first: str, district: str, party: str):
    """A processed 2018 primary Assembly Form 501, rolled back with the test."""
    return Form501Filing.objects.create(
        filing_id=filing_id,
        amend_id=0,
        amendment_count=0,
        version_count=1,
        filer_id=filer_id,
        candidate_lastname=last,
        candidate_firstname=first,
        office_name="ASSEMBLY",
        district_name=district,
        election_year=2018,
        election_type_name="PRIMARY",
        party_name=party,
        date_filed=date(2017, 6, 1),
    )


def contest_of(election_id: int, office: str) -> str:
    return contest_id(CandidateElection.objects.get(election_id=election_id), office)


def test_form_501s_with_matching_filer_ids_join_the_website_candidacies(ocd_load):
    # RAMSEY's and SHELDON's 501s are for 2001 special elections, which have no known date.
    undated = {2313847, 2313946}
    joined = 0
    for entry in manifest()["form_501"]:
        found = candidacies_of_501(entry["filing_id"])
        if entry["filing_id"] in undated:
            assert found == []
            continue
        [candidacy] = found
        assert candidacy.contest_id == contest_of(entry["election_id"], entry["office"])
        if entry["match"] == "filer_id":
            joined += 1
            assert candidacy.registration_status == "qualified"  # the website's, joined
            assert candidacy.person.identifiers.filter(identifier=entry["filer_id"]).exists()
    assert joined == 28
    # GOMEZ filed in April 2021 as a Democrat, amended in May to no party preference; the
    # website gives no party and the 501 gives no district: matched by her filer id.
    gomez = candidacies_of_501(2313535)[0]
    assert (gomez.candidate_name, gomez.contest.name, gomez.contest.election.name) == (
        "GOMEZ, GEORGETTE",
        "ASSEMBLY 80",
        "2022 PRIMARY",
    )
    assert gomez.filed_date == date(2021, 4, 12)  # the earliest version's
    assert gomez.party.name == "NO PARTY PREFERENCE"  # the latest version's
    assert gomez.extras == {"form501_filing_ids": [2313535], "party_from_form501": True}


def test_a_same_name_501_of_another_filer_id_is_a_candidacy_of_its_own(ocd_load):
    # OSBORN, TORIE is on the 2012 primary's Assembly 50 list as filer 1331563; a 501 under
    # her name from filer 1901120 stays another person beside her, through both merges.
    contest = contest_of(25, "ASSEMBLY 50")
    osborns = Candidacy.objects.filter(contest_id=contest, candidate_name="OSBORN, TORIE")
    assert sorted(
        (c.registration_status, c.person.identifiers.get().identifier) for c in osborns
    ) == [("filed", "1901120"), ("qualified", "1331563")]
    filed = osborns.get(registration_status="filed")
    assert filed.id == ocd_id("candidacy", "form501", contest, "1901120")
    assert filed.person_id == filer_person_id("1901120")
    assert (filed.party.name, filed.filed_date) == ("REPUBLICAN", date(2011, 5, 6))
    assert not PersonMerge.objects.filter(survivor_id__in=[c.person_id for c in osborns]).exists()


def test_no_person_holds_a_filer_id_another_holds(ocd_load):
    filer_ids = PersonIdentifier.objects.filter(scheme=FILER_SCHEME)
    assert filer_ids.count() == filer_ids.values("identifier").distinct().count()
    assert Person.objects.filter(pk=filer_person_id("1901120")).exists()


def test_party_corrections_come_before_the_501s_party(ocd_load):
    # WALDRON, MARIE's 2018 primary party is corrected (the list prints none); no 501 replaces it.
    waldron = Candidacy.objects.get(
        contest_id=contest_of(62, "ASSEMBLY 75"), candidate_name="WALDRON, MARIE"
    )
    assert waldron.party.name == "REPUBLICAN" and "party_from_form501" not in waldron.extras
    corrected = Candidacy.objects.exclude(party=None).exclude(extras__has_key="party_from_form501")
    assert corrected.count() == 621  # the corrected website candidacies, none overwritten
    handmade_501(99000002, "1273672", "Waldron", "Marie", "75", "DEMOCRATIC")
    load_candidacies_from_501s()
    waldron.refresh_from_db()
    assert form501_ids(waldron) == [99000002]  # joined by her filer id
    assert waldron.party.name == "REPUBLICAN"  # the correction stands


def test_a_501_joins_by_name_a_candidate_without_filer_id_and_the_merge_collapses_the_rest(
    ocd_load,
):
    # CHOI, TEDDY is listed without a filer id. His 2008 primary 501 joins that candidacy by
    # name and gives its person his filer id; his 501 for another contest is a candidacy of that
    # person beside the listed one, and the merge by contest and name collapses the two.
    # With the special elections dated, a second listed name merges the same way: AVILA.
    assert set(PersonMerge.objects.values_list("merged_name", flat=True)) == {
        "CHOI, TEDDY",
        "AVILA, PAUL VINCENT",
    }
    merge = PersonMerge.objects.get(merged_name="CHOI, TEDDY")
    assert (merge.merged_name, merge.rule) == ("CHOI, TEDDY", "contest_and_name")
    survivor = Person.objects.get(pk=merge.survivor_id)
    assert survivor.name == "CHOI, TEDDY"
    assert survivor.identifiers.filter(scheme=FILER_SCHEME).count() == 1
    assert not Person.objects.filter(pk=merge.merged_id).exists()
    assert resolve_person(merge.merged_id) == survivor
    assert resolve_person(survivor.pk) == survivor
    assert CommandLog.objects.get(pk=merge.run_id).command.name == (
        "merge_ocd_persons_by_contest_and_name"
    )
    for contest in survivor.candidacies.values_list("contest_id", flat=True):
        assert survivor.candidacies.filter(contest_id=contest).count() == 1
    assert survivor.candidacies.filter(registration_status="filed").count() == 0
    assert survivor.candidacies.exclude(extras={}).count() == 2


def test_merging_by_filer_id_keeps_everything_and_the_old_id_resolves(ocd_load):
    waldron = Person.objects.get(pk=filer_person_id("1273672"))
    contest = contest_of(62, "ASSEMBLY 75")
    twin = Person.objects.create(id=ocd_id("person", "test", "twin"), name="WALDRON, M.", slug="t")
    twin.identifiers.create(scheme=FILER_SCHEME, identifier="1273672")
    twin.identifiers.create(scheme="test_scheme", identifier="twin-1")
    twin.sources.create(url="https://example.org/twin")
    Candidacy.objects.create(
        id=ocd_id("candidacy", "test", "twin"),
        person=twin,
        post_id=CandidateContest.objects.get(pk=contest).posts.get().post_id,
        contest_id=contest,
        candidate_name="WALDRON, M.",
        registration_status="filed",
        filed_date=date(2017, 1, 2),
        extras={"form501_filing_ids": [99000001]},
    )
    out, error = run("mergeocdpersonsbyfilerid", "--noinput", "--verbosity=0")
    assert error is None and out == ""
    merge = PersonMerge.objects.get(merged_id=twin.pk)
    assert (merge.survivor_id, merge.rule, merge.merged_name) == (
        waldron.pk,
        "filer_id",
        "WALDRON, M.",
    )
    assert resolve_person(twin.pk) == waldron
    assert set(waldron.identifiers.values_list("scheme", "identifier")) >= {
        (FILER_SCHEME, "1273672"),
        ("test_scheme", "twin-1"),
    }
    assert waldron.sources.filter(url="https://example.org/twin").exists()
    assert PersonName.objects.filter(person=waldron, name="WALDRON, M.").exists()
    [kept] = Candidacy.objects.filter(contest_id=contest, person=waldron)
    assert kept.registration_status == "qualified"  # the certified one stays
    assert (kept.filed_date, form501_ids(kept)) == (date(2017, 1, 2), [99000001])
    assert kept.party.name == "REPUBLICAN"
    _, error = run("mergeocdpersonsbyfilerid", "--noinput")
    assert PersonMerge.objects.count() == 3  # the rerun merges nothing more


def test_same_name_people_with_different_filer_ids_are_never_merged_by_name(ocd_load):
    contest = contest_of(62, "ASSEMBLY 75")
    post = CandidateContest.objects.get(pk=contest).posts.get().post_id
    other = Person.objects.create(id=ocd_id("person", "test", "other"), name="WALDRON, MARIE")
    other.identifiers.create(scheme=FILER_SCHEME, identifier="9990001")
    nameless = Person.objects.create(id=ocd_id("person", "test", "nameless"), name="X", slug="x")
    for person in (other, nameless):
        Candidacy.objects.create(
            id=ocd_id("candidacy", "test", person.pk),
            person=person,
            post_id=post,
            contest_id=contest,
            candidate_name="WALDRON, MARIE",
        )
    _, error = run("mergeocdpersonsbycontestandname", "--noinput")
    assert error is None
    # Two filer ids: neither is merged, nor the person without one (which of the two is she?).
    assert Person.objects.filter(pk__in=[other.pk, nameless.pk]).count() == 2
    assert (
        Candidacy.objects.filter(contest_id=contest, candidate_name="WALDRON, MARIE").count() == 3
    )
    other.delete()
    _, error = run("mergeocdpersonsbycontestandname", "--noinput")
    assert resolve_person(nameless.pk).pk == filer_person_id("1273672")


def test_a_501_joins_by_name_only_a_person_without_a_filer_id(ocd_load):
    contest = Candidacy.objects.get(
        contest_id=contest_of(62, "ASSEMBLY 75"), candidate_name="WALDRON, MARIE"
    ).contest
    post = contest.posts.get().post_id
    nameless = Person.objects.create(id=ocd_id("person", "test", "n"), name="DOE, JANE", slug="n")
    listed = Candidacy.objects.create(
        id=ocd_id("candidacy", "test", "doe"),
        person=nameless,
        post_id=post,
        contest=contest,
        candidate_name="DOE, JANE",
        registration_status="qualified",
    )
    handmade_501(99000001, "9990002", "Doe", "Jane", "75", "GREEN")
    load_candidacies_from_501s()
    listed.refresh_from_db()
    assert form501_ids(listed) == [99000001] and listed.party.name == "GREEN"
    assert nameless.identifiers.get().identifier == "9990002"
    assert not Person.objects.filter(pk=filer_person_id("9990002")).exists()


def test_the_recalled_officeholder_s_membership_is_linked(ocd_load):
    recalls = {c.name: c.membership for c in RetentionContest.objects.select_related("membership")}
    newman = recalls["SENATE DISTRICT 29 - SPECIAL RECALL ELECTION"]
    # The 2017 list names his successor; the committees name NEWMAN: his term, to the recall.
    assert (newman.person_name, newman.start_date, newman.end_date) == (
        "NEWMAN, JOSH",
        "2017",
        "2018-06-05",
    )
    assert newman.person.identifiers.get().identifier == "1377780"
    assert newman.post.label == "STATE SENATE 29"
    denham = recalls["JUNE 3, 2008 - SPECIAL RECALL ELECTION - SENATE DISTRICT 12"]
    assert (denham.person_name, denham.start_date, denham.end_date) == (
        "DENHAM, JEFF",
        "2007",
        "2008",
    )
    assert recalls["GOVERNOR - SPECIAL RECALL ELECTION"] is None  # no committees captured


def test_a_rebuild_from_scratch_yields_the_same_ids_and_merges(ocd_load):
    _, _, loaded = ocd_load
    for model in reversed(OCD_MODELS):
        model.objects.all().delete()
    out, error = run("loadocdelections", "--noinput", "--force-restart", "--verbosity=3")
    assert error is not None and error.returncode == 3  # the undated elections, as before
    assert "2 person(s) merged by contest and name." in out
    assert ocd_tables() == loaded
    run("loadocdelections", "--noinput", "--force-restart", "--verbosity=0")
    assert ocd_tables() == loaded


def test_every_ocd_model_has_a_read_only_admin_and_a_person_page_shows_everything(
    ocd_load, admin_client
):
    for model in OCD_MODELS:
        assert isinstance(admin.site._registry[model], ReadOnlyAdmin), model.__name__
        url = reverse(f"admin:calaccess_processed_{model._meta.model_name}_changelist")
        assert admin_client.get(url, {"q": "CHOI"}).status_code == 200, model.__name__
    merge = PersonMerge.objects.get(merged_name="CHOI, TEDDY")
    page = admin_client.get(
        reverse("admin:calaccess_processed_person_change", args=[merge.survivor_id])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "STATE SENATE 25" in html  # a candidacy's contest
    assert FILER_SCHEME in html and merge.merged_id in html
    old = admin_client.get(
        reverse("admin:calaccess_processed_person_change", args=[merge.merged_id])
    )
    assert old.status_code == 302 and merge.survivor_id in old.url
    newman = Person.objects.get(pk=filer_person_id("1377780"))
    html = admin_client.get(
        reverse("admin:calaccess_processed_person_change", args=[newman.pk])
    ).content.decode()
    assert "2018-06-05" in html  # the recalled membership


def test_the_501_step_alone_at_every_verbosity_and_with_flush_gives_the_same_tables(ocd_load):
    _, _, loaded = ocd_load
    for verbosity in ("0", "3"):
        out = StringIO()
        call_command(
            "loadocdcandidaciesfrom501s", "--noinput", f"--verbosity={verbosity}", stdout=out
        )
        assert ("candidacies joined by Form 501s" in out.getvalue()) == (verbosity == "3")
        assert ocd_tables() == loaded
    out, error = run("loadocdcandidaciesfrom501s", "--noinput", "--flush")
    assert error is None and "candidacies joined by Form 501s" in out
    # The incumbent flags of the candidacies it added again are the next step's.
    run("loadocdincumbentofficeholders", "--noinput")
    assert ocd_tables() == loaded
