"""Form 501's codes decoded beside the raw codes, against the coherent export and its manifest."""

from __future__ import annotations

import pytest

from calaccess_processed import decoding, specs
from calaccess_processed.models import Form501Filing, Form501FilingVersion
from calaccess_processed.tests.coherent import manifest, tsv_rows

pytestmark = pytest.mark.django_db
TABLE = "F501_502_CD"


def test_office_district_jurisdiction_and_election_type_are_decoded(coherent_data):
    # The manifest names each candidate's office as the state's pages do: "ASSEMBLY 04".
    for entry in manifest()["form_501"]:
        filing = Form501Filing.objects.get(filing_id=entry["filing_id"])
        sought = filing.office_name
        if filing.district_name:
            sought = f"{filing.office_name} {filing.district_name}"
        assert sought == entry["office"] or entry["office"].startswith(f"{filing.office_name} ")
        assert filing.jurisdiction_name == "STATE"
        assert filing.election_type_name in {"PRIMARY", "GENERAL", "SPECIAL ELECTION"}
    blakespear = Form501Filing.objects.get(filing_id=2313466)  # STATE SENATE 38, 2022 primary
    assert (blakespear.office_code, blakespear.office_name) == (30012, "STATE SENATE")
    assert (blakespear.district_code, blakespear.district_name) == (17042, "38")
    assert (blakespear.election_type, blakespear.election_type_name) == (3002, "PRIMARY")


def test_every_district_code_of_the_manifest_gives_its_office_number(coherent_data):
    with_district = Form501Filing.objects.filter(
        filing_id__in=[entry["filing_id"] for entry in manifest()["form_501"]],
        district_name__isnull=False,
    ).exclude(district_code=0)
    offices = {entry["filing_id"]: entry["office"] for entry in manifest()["form_501"]}
    assert with_district.count() >= 20
    for filing in with_district:
        assert offices[filing.filing_id] == f"{filing.office_name} {filing.district_name}"


def test_party_codes_decode_and_amendments_keep_their_own(coherent_data):
    # GOMEZ, GEORGETTE (ASSEMBLY 80) filed as a Democrat, then amended to no party preference.
    versions = Form501FilingVersion.objects.filter(filing_id=2313535).order_by("amend_id")
    assert [(v.party_code, v.party_name) for v in versions] == [
        (16001, "DEMOCRATIC"),
        (16012, "NO PARTY PREFERENCE"),
    ]
    assert Form501Filing.objects.get(filing_id=2313535).party_name == "NO PARTY PREFERENCE"


def test_party_written_out_is_normalised_to_the_code_names(coherent_data):
    # Rows of the export whose PARTY_CD is blank but whose PARTY text names the party.
    written = {
        (int(row["FILING_ID"]), int(row["AMEND_ID"])): row["PARTY"].strip()
        for row in tsv_rows(TABLE)
        if row["PARTY"].strip() and row["PARTY_CD"].strip() in {"", "0"}
    }
    assert sorted(set(written.values())) == ["D", "NP", "R"]
    found = {
        (v.filing_id, v.amend_id): v.party_name
        for v in Form501FilingVersion.objects.all()
        if (v.filing_id, v.amend_id) in written
    }
    expected = {"D": "DEMOCRATIC", "R": "REPUBLICAN", "NP": "NON PARTISAN"}
    assert found == {key: expected[text] for key, text in written.items()}


def test_the_party_names_file_agrees_with_filers_who_gave_both(coherent_data):
    # Filers who wrote the party out AND chose its code: "Democrat" with 16001, and so on.
    codes = decoding.meanings(TABLE, "PARTY_CD")
    both = [
        (row["PARTY"].strip().upper(), codes[row["PARTY_CD"].strip()])
        for row in tsv_rows(TABLE)
        if row["PARTY"].strip() and row["PARTY_CD"].strip() not in {"", "0"}
    ]
    assert {text for text, _ in both} == {
        "DEMOCRAT",
        "DEMOCRATIC",
        "REPUBLICAN",
        "LIBERTARIAN",
        "AMERICAN INDEPENDENT",
    }
    assert all(specs.party_names()[text] == meaning for text, meaning in both)


def test_every_decoded_party_is_a_party_code_meaning(coherent_data):
    code_names = set(decoding.meanings(TABLE, "PARTY_CD").values())
    parties = set(
        Form501FilingVersion.objects.exclude(party_name=None).values_list("party_name", flat=True)
    )
    assert {"DEMOCRATIC", "REPUBLICAN", "NO PARTY PREFERENCE"} <= parties
    assert parties <= code_names
    assert set(specs.party_names().values()) <= code_names


def test_a_code_the_schema_lacks_decodes_to_null_and_keeps_the_code(coherent_data):
    unknown = Form501FilingVersion.objects.filter(office_code__isnull=False, office_name=None)
    declared = {int(code) for code in decoding.meanings(TABLE, "OFFICE_CD")}
    assert all(filing.office_code not in declared for filing in unknown)
