"""URLs of the campaign browser's pages (the JSON API and the lists live beside them)."""

from django.urls import include, path

from calaccess_web.views import candidates, committees, elections, filings, home, measures, search

urlpatterns = [
    path("", include("calaccess_web.lists_urls")),
    path("", home.home, name="browser-home"),
    path("search/", search.search, name="browser-search"),
    path("search/typeahead.json", search.typeahead, name="browser-typeahead"),
    path("committees/<str:filer_id>/", committees.committee, name="browser-committee"),
    path("candidates/<path:key>/", candidates.candidate, name="browser-candidate"),
    path("filings/<str:filing_id>/", filings.filing, name="browser-filing"),
    path("elections/", elections.election_list, name="browser-elections"),
    path("elections/<slug:slug>/", elections.election, name="browser-election"),
    path("measures/<slug:slug>/", measures.measure, name="browser-measure"),
]
