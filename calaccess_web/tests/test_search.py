"""The search: exact/prefix and full-text modes over the database index, filters, typeahead."""

from __future__ import annotations

import pytest

from calaccess_web.models import SearchEntry
from calaccess_web.search.backends import MySQLBackend, PostgreSQLBackend, SQLiteBackend
from calaccess_web.search.finder import matching, read_search
from calaccess_web.search.query import BadQuery, Term, parse

from .pages import COMMITTEE, COMMITTEE_NAME, text


def test_query_parsed_once_and_written_per_database():
    query = parse('Friends "of  Dymally" -PAC O\'Neil; DROP')
    assert query.terms == (
        Term(("friends",)),
        Term(("of", "dymally")),
        Term(("pac",), excluded=True),
        Term(("o", "neil")),
        Term(("drop",)),
    )
    assert PostgreSQLBackend().compile(query) == (
        "'friends' & ('of' <-> 'dymally') & !'pac' & ('o' <-> 'neil') & 'drop'"
    )
    assert SQLiteBackend().compile(query) == (
        '"friends" AND "of dymally" AND "o neil" AND "drop" NOT "pac"'
    )
    assert MySQLBackend().compile(query) == '+friends +"of dymally" -pac +"o neil" +drop'
    # FULLTEXT indexes neither stopwords nor short words: MySQL finds those by REGEXP.
    condition, params = MySQLBackend().where(parse("friends of -jo"))
    assert params == ["+friends", r"\bof\b", r"\bjo\b"]
    assert condition.count("REGEXP") == 2 and "NOT REGEXP" in condition
    with pytest.raises(BadQuery):
        parse("-dymally -pac")


pytestmark = pytest.mark.django_db


def names(**params: str) -> list[str]:
    return list(matching(read_search(params)).values_list("name", flat=True))


def test_index_holds_every_kind(web_data):
    kinds = dict(
        (kind, SearchEntry.objects.filter(kind=kind).count()) for kind, _label in SearchEntry.KINDS
    )
    assert all(kinds.values()), kinds
    assert SearchEntry.objects.get(kind="committee", key=COMMITTEE).name == COMMITTEE_NAME


def test_prefix_mode_finds_filer_id_and_name_start(web_data):
    assert names(q=COMMITTEE, mode="prefix") == [COMMITTEE_NAME]
    found = names(q="renee ch", mode="prefix")
    assert COMMITTEE_NAME in found
    assert all(name.upper().startswith("RENEE CH") for name in found)


def test_full_text_words_phrase_and_exclusion(web_data):
    # Stopwords and short words count on every database (MySQL's FULLTEXT skips them).
    assert "Friends of Dymally" in names(q="friends of dymally")
    assert "Friends of Dymally" not in names(q="friends of -of dymally")
    both = names(q="chavez council")
    assert COMMITTEE_NAME in both
    assert all("CHAVEZ" in n.upper() and "COUNCIL" in n.upper() for n in both)
    friends_of = names(q='"friends of"', kind="committee")
    assert friends_of and all("FRIENDS OF" in n.upper() for n in friends_of)
    # Words in another order are not the phrase.
    assert "Friends of Dymally" in names(q="dymally friends")
    assert "Friends of Dymally" not in names(q='"dymally friends"')
    without = names(q='"friends of" -dymally', kind="committee")
    assert "Friends of Dymally" in friends_of
    assert "Friends of Dymally" not in without
    assert len(without) == len(friends_of) - 1


def test_filters_narrow_the_search(web_data):
    committees = names(q="friends", kind="committee")
    candidates = names(q="friends", kind="candidate")
    assert committees and not set(committees) & set(candidates)
    entry = SearchEntry.objects.filter(kind="candidate").exclude(party="").first()
    found = matching(
        read_search({"party": entry.party, "year": str(entry.election_year), "kind": "candidate"})
    )
    assert entry in found
    assert set(found.values_list("party", flat=True)) == {entry.party}


def test_search_page_and_typeahead(client, web_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = text(client.get("/search/", {"q": "chavez council", "kind": "committee"}))
    assert f'href="/committees/{COMMITTEE}/"' in page and COMMITTEE_NAME in page
    assert 'value="chavez council"' in page  # the filter state stays in the URL and the form
    answer = client.get("/search/typeahead.json", {"q": "Renee Ch"}).json()
    assert {
        "name": COMMITTEE_NAME,
        "kind": "committee",
        "url": f"/committees/{COMMITTEE}/",
        "filer_id": COMMITTEE,
    } in answer["results"]


@pytest.mark.parametrize(
    "params",
    [{"q": "x", "mode": "fuzzy"}, {"kind": "lobbyist"}, {"year": "20x2"}, {"q": "-dymally"}],
)
def test_bad_search_parameters_are_400(client, web_data, params):
    response = client.get("/search/", params)
    assert response.status_code == 400
    assert b"Traceback" not in response.content
