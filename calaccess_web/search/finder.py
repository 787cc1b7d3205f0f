"""The one search interface the page, the typeahead and the tests call."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from calaccess_toolkit.errors import UsageError
from calaccess_web.models import SearchEntry

from . import backends
from .query import parse

PREFIX, TEXT = "prefix", "text"
MODES = (PREFIX, TEXT)
#: Filters of the search page: URL parameter → the entry's column.
FILTERS = {
    "kind": "kind",
    "filer_type": "filer_type",
    "party": "party",
    "office": "office",
    "year": "election_year",
    "status": "status",
}
KINDS = frozenset(kind for kind, _label in SearchEntry.KINDS)


class BadFilter(UsageError):
    """A search filter's value is not one the search can take (an unknown kind, a bad year)."""


@dataclass(frozen=True)
class Search:
    """The reader's search: words, mode and filters, as they stand in the URL."""

    q: str = ""
    mode: str = TEXT
    filters: dict[str, str] = field(default_factory=dict)


def read_search(params: dict[str, str]) -> Search:
    """Check a search's URL parameters (a bad mode, kind or year is a :class:`BadFilter`)."""
    mode = params.get("mode") or TEXT
    if mode not in MODES:
        raise BadFilter(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    filters = {name: params[name].strip() for name in FILTERS if params.get(name, "").strip()}
    if "kind" in filters and filters["kind"] not in KINDS:
        raise BadFilter(f"kind must be one of {', '.join(sorted(KINDS))}, not {filters['kind']!r}")
    if "year" in filters and not (filters["year"].isdigit() and len(filters["year"]) == 4):
        raise BadFilter(f"year must be a four-digit year, not {filters['year']!r}")
    return Search(params.get("q", "").strip(), mode, filters)


def filtered(search: Search) -> QuerySet[SearchEntry]:
    entries = SearchEntry.objects.all()
    for name, value in search.filters.items():
        entries = entries.filter(**{FILTERS[name]: int(value) if name == "year" else value})
    return entries


def matching(search: Search) -> QuerySet[SearchEntry]:
    """The entries a search finds, filters applied, in name order.

    Prefix mode: the filer id exactly, or names starting with the words (an index range scan on
    ``name_upper``). Text mode: the database's own full-text index, the words parsed once.
    """
    entries = filtered(search)
    if not search.q:
        return entries
    if search.mode == PREFIX:
        return entries.filter(Q(filer_id=search.q) | Q(name_upper__startswith=search.q.upper()))
    condition, params = backends.backend_for().where(parse(search.q))
    return entries.extra(where=[condition], params=params)


def facet_values(column: str, limit: int = 200) -> list:
    """The values a filter can take, for the page's menus (one indexed scan per filter)."""
    values = SearchEntry.objects.exclude(**{f"{column}__isnull": True})
    if column != "election_year":
        values = values.exclude(**{column: ""})
    return list(values.order_by(column).values_list(column, flat=True).distinct()[:limit])
