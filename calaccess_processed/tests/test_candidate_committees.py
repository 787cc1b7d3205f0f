"""Candidate-committee links derived from the sample export's FILER_LINKS_CD."""

from __future__ import annotations

from datetime import date

import pytest

from calaccess_processed.elections.candidate_committees import (
    CONTROL_LINKS,
    RawLinksMissing,
    derive_candidate_committees,
)
from calaccess_processed.elections.lookup_codes import LookupCodeMissing, meaning
from calaccess_processed.models import CandidateCommittee
from calaccess_raw.models import FilerLinksCd, FilernameCd, FilerToFilerTypeCd, FilerTypesCd
from calaccess_scraped.models import Incumbent

from .raw_links import load_sample_filer_links

pytestmark = pytest.mark.django_db
BASE = "https://cal-access.sos.ca.gov"
LIMON, LIMON_COMMITTEE = 1375717, 1376167  # an incumbent of 2025, and a committee she controlled


def scraped_incumbent(filer_id: int, name: str) -> Incumbent:
    return Incumbent.objects.create(
        session=2025,
        sort_order=filer_id,
        category="SENATE DISTRICTS",
        office="STATE SENATE 21",
        name=name,
        filer_id=filer_id,
        url=f"{BASE}/Campaign/Candidates/list.aspx?view=incumbent&session=2025",
        scraped_at="2025-04-22T00:00Z",
    )


@pytest.fixture(autouse=True)
def only_this_modules_rows(db):
    """Start from empty link tables, whatever an earlier test's shared raw update left there.

    The package's coherent export (``conftest.coherent_data``) stays loaded once a test asked for
    it; these deletions are rolled back with the test.
    """
    for model in (FilerLinksCd, FilernameCd, FilerToFilerTypeCd, FilerTypesCd, Incumbent):
        model.objects.all().delete()
    CandidateCommittee.objects.all().delete()


@pytest.fixture
def sample_links():
    assert load_sample_filer_links() == 1000
    scraped_incumbent(LIMON, "LIMON, S. MONIQUE")
    FilernameCd.objects.create(
        filer_id=LIMON_COMMITTEE, naml="LIMON FOR ASSEMBLY 2016", filer_type="RECIPIENT COMMITTEE"
    )


def test_control_links_of_the_sample_become_candidate_committees(sample_links):
    counts = derive_candidate_committees(BASE)
    assert (counts.saved, counts.ambiguous) == (30, 0)  # 16 of type 12011, 14 of type -12011
    assert CandidateCommittee.objects.filter(link_type=12011).count() == 16
    assert counts.by_evidence == 1
    link = CandidateCommittee.objects.get(candidate_filer_id=LIMON)
    assert (
        link.committee_filer_id,
        link.committee_name,
        link.session,
        link.active_flag,
        link.effective_date,
        link.termination_date,
        link.source,
        link.url,
    ) == (
        LIMON_COMMITTEE,
        "LIMON FOR ASSEMBLY 2016",
        2015,
        "T",
        date(2015, 3, 17),
        date(2016, 12, 31),
        "FILER_LINKS_CD",
        f"{BASE}/Campaign/Candidates/Detail.aspx?id={LIMON}",
    )
    legacy = CandidateCommittee.objects.get(candidate_filer_id=1001016)
    assert (legacy.committee_filer_id, legacy.session, legacy.link_type) == (1067318, None, -12011)


def test_evidence_turns_a_link_around_and_ambiguity_is_skipped(sample_links):
    FilerLinksCd.objects.create(filer_id_a=LIMON_COMMITTEE, filer_id_b=LIMON, link_type=-12011)
    scraped_incumbent(1266775, "HERNANDEZ, EDWARD P.")
    FilerLinksCd.objects.create(filer_id_a=1266775, filer_id_b=LIMON, link_type=12011)
    counts = derive_candidate_committees(BASE)
    assert (counts.saved, counts.ambiguous) == (31, 1)
    assert sorted(
        CandidateCommittee.objects.filter(candidate_filer_id=LIMON).values_list(
            "committee_filer_id", "link_type"
        )
    ) == [(LIMON_COMMITTEE, -12011), (LIMON_COMMITTEE, 12011)]
    assert not CandidateCommittee.objects.filter(committee_filer_id=LIMON).exists()


def test_deriving_again_gives_the_same_rows(sample_links):
    derive_candidate_committees(BASE)
    first = sorted(CandidateCommittee.objects.values_list("candidate_filer_id", "source_row"))
    derive_candidate_committees(BASE)
    assert (
        sorted(CandidateCommittee.objects.values_list("candidate_filer_id", "source_row")) == first
    )


def test_without_raw_links_nothing_is_guessed(db):
    with pytest.raises(RawLinksMissing, match="FILER_LINKS_CD is empty"):
        derive_candidate_committees(BASE)


def test_link_descriptions_and_filer_types_come_from_the_schema(sample_links):
    assert CONTROL_LINKS == {
        12011: "CANDIDATE CONTROLS THIS COMMITTEE",
        -12011: "CONTROLLING CANDIDATE",
    }
    # filer type 8 is "CANDIDATE/OFFICEHOLDER" in FILER_TYPES_CD: evidence that turns a link round
    committee, candidate = 9000001, 9000002
    FilerTypesCd.objects.create(filer_type=8, description="CANDIDATE/OFFICEHOLDER")
    FilerToFilerTypeCd.objects.create(filer_id=candidate, filer_type=8)
    FilerLinksCd.objects.create(filer_id_a=committee, filer_id_b=candidate, link_type=12011)
    derive_candidate_committees(BASE)
    link = CandidateCommittee.objects.get(committee_filer_id=committee)
    assert (link.candidate_filer_id, link.link_description) == (
        candidate,
        "CANDIDATE CONTROLS THIS COMMITTEE",
    )


def test_a_lookup_code_the_schema_lacks_fails_with_one_line():
    with pytest.raises(LookupCodeMissing, match=r"FILER_LINKS_CD.LINK_TYPE declares no .*'99999'"):
        meaning("FILER_LINKS_CD", "LINK_TYPE", "99999")
