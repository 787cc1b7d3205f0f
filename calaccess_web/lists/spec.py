"""What a list is: its model, filters, sorts and columns, declared once per list.

The HTML pages, the JSON API, the downloads, the feeds and the OpenAPI description are all
generated from a :class:`ListSpec`, so a filter added to a declaration appears everywhere at once
and cannot mean different things in different places.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.apps import apps
from django.db.models import F, Model, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.db.models.lookups import Contains, Exact

from calaccess_processed.name_index import IndexedContains

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

#: Parameter types and their OpenAPI schemas.
TYPES: dict[str, dict[str, str]] = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "decimal": {"type": "string", "format": "decimal"},
    "date": {"type": "string", "format": "date"},
}

#: Case-blind lookups, run as the plain lookup on lower-cased text on every database.
CASE_BLIND = {"icontains": Contains, "iexact": Exact}


class ListError(ValueError):
    """A bad query parameter: answered with 400 naming it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class Filter:
    """One query parameter narrowing a list.

    ``fields`` are OR'd (a name matches the last or the first name). ``lookup`` is a Django
    lookup (``icontains``, ``istartswith``, ``gte``…) or ``cycle`` (a two-year election cycle
    named by its even year: 2016 is 2015-01-01 to 2016-12-31). ``on_filing`` filters the items
    by a field of their filing (the committee that filed them).
    """

    name: str
    fields: tuple[str, ...]
    lookup: str
    type: str
    help: str
    on_filing: bool = False

    @property
    def label(self) -> str:
        """The form's label: the parameter's name in words (``min_amount`` → Min amount)."""
        return self.name.replace("_", " ").capitalize()

    def parse(self, text: str) -> Any:
        """The typed value of the parameter, or :class:`ListError`."""
        text = text.strip()
        try:
            if self.type == "integer":
                value: Any = int(text)
            elif self.type == "decimal":
                value = Decimal(text)
                if not value.is_finite():
                    raise InvalidOperation
            elif self.type == "date":
                value = datetime.date.fromisoformat(text)
            else:
                value = text
        except (ValueError, InvalidOperation):
            raise ListError(self.name, f"{text!r} is not a {self.type}") from None
        if self.lookup == "cycle" and value % 2:
            raise ListError(self.name, "a cycle is named by its even year, e.g. 2016")
        return value

    def condition(self, value: Any) -> Q:
        """The WHERE condition for a parsed value."""
        if self.lookup == "cycle":
            start, end = datetime.date(value - 1, 1, 1), datetime.date(value, 12, 31)
            return Q(**{f"{self.fields[0]}__range": (start, end)})
        condition = Q()
        for name in self.fields:
            if self.lookup in CASE_BLIND:
                # Lower() on both sides: MySQL tables use a binary collation, where LIKE and =
                # tell cases apart, so Django's icontains/iexact would not be case-blind there.
                condition |= Q(CASE_BLIND[self.lookup](Lower(F(name)), value.lower()))
            else:
                condition |= Q(**{f"{name}__{self.lookup}": value})
        if self.lookup == "icontains":
            # Where the columns have a substring index the database's own (SQLite: FTS5).
            return Q(IndexedContains(self.fields, value, fallback=condition))
        return condition


@dataclass(frozen=True)
class Sort:
    """A sort key: an indexed column, then ``id`` as the unique tie-breaker (keyset paging)."""

    name: str
    field: str
    type: str
    help: str


@dataclass(frozen=True)
class Column:
    """One value of each row, as the API, the downloads and the pages show it."""

    name: str
    label: str
    type: str = "string"


@dataclass(frozen=True)
class ListSpec:
    """One list: where its rows come from and how they can be filtered and sorted."""

    name: str
    title: str
    model: str
    description: str
    filters: tuple[Filter, ...]
    sorts: tuple[Sort, ...]
    default_sort: str
    columns: tuple[Column, ...]
    #: The model holding every amendment; with it the list takes ``versions=all``.
    versions_model: str = ""
    #: The filing model whose ``filing_id`` the items carry: names their committee.
    filing_model: str = ""
    filing_versions_model: str = ""
    #: The filter a committee's own list fixes from its URL (``/committees/<id>/<list>/``).
    committee_filter: str = ""
    #: The column holding the filer id of a row's committee (links to ``/committees/<id>/``).
    committee_column: str = ""
    #: Annotations copied from the filing (name on the row → field of the filing).
    filing_columns: Mapping[str, str] = field(default_factory=dict)

    def model_class(self, all_versions: bool = False) -> type[Model]:
        """The model of the rows (``app_label.Model``): every version's, or the latest's."""
        return apps.get_model(self.versions_model if all_versions else self.model)

    def filter(self, name: str) -> Filter:
        for candidate in self.filters:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    def sort(self, name: str) -> Sort:
        for candidate in self.sorts:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    @property
    def parameters(self) -> tuple[str, ...]:
        """Every query parameter the list takes."""
        names = [f.name for f in self.filters]
        if self.versions_model:
            names.append("versions")
        return (*names, "sort", "cursor", "limit", "format")

    @property
    def sort_choices(self) -> tuple[str, ...]:
        return tuple(f"{prefix}{s.name}" for s in self.sorts for prefix in ("-", ""))

    def queryset(self, query: Query) -> QuerySet:
        """The filtered rows of a query (not yet sorted), with their columns only."""
        model = self.model_class(query.all_versions)
        rows = model._default_manager.all()
        on_filing = Q()
        for name, value in query.filters.items():
            spec = self.filter(name)
            if spec.on_filing and self.filing_model:
                on_filing &= spec.condition(value)
            else:
                rows = rows.filter(spec.condition(value))
        filing = self._filing_model(query.all_versions)
        if filing is not None:
            if on_filing:
                filings = filing._default_manager.filter(on_filing).values("filing_id")
                rows = rows.filter(filing_id__in=filings)
            keys = {"filing_id": OuterRef("filing_id")}
            if query.all_versions:
                keys["amend_id"] = OuterRef("amend_id")
            same = filing._default_manager.filter(**keys).order_by()
            rows = rows.annotate(
                **{
                    name: Subquery(same.values(source)[:1])
                    for name, source in self.filing_columns.items()
                }
            )
        return rows

    def _filing_model(self, all_versions: bool) -> type[Model] | None:
        if not self.filing_model:
            return None
        return apps.get_model(self.filing_versions_model if all_versions else self.filing_model)


@dataclass(frozen=True)
class Query:
    """A parsed request of a list: filters, sort, cursor and page size."""

    spec: ListSpec
    filters: dict[str, Any]
    sort: Sort
    descending: bool
    all_versions: bool
    cursor: str
    limit: int
    fixed: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(
        cls, spec: ListSpec, params: Mapping[str, str], fixed: Mapping[str, Any] | None = None
    ) -> Query:
        """Read and check every parameter; :class:`ListError` names the first bad one."""
        fixed = dict(fixed or {})
        for name in params:
            if name not in spec.parameters or name in fixed:
                known = ", ".join(p for p in spec.parameters if p not in fixed)
                raise ListError(name, f"unknown parameter; {spec.name} takes {known}")
        filters: dict[str, Any] = {}
        for spec_filter in spec.filters:
            text = params.get(spec_filter.name, "")
            if text.strip():
                filters[spec_filter.name] = spec_filter.parse(text)
        filters.update(fixed)
        sort_text = params.get("sort", "").strip() or spec.default_sort
        if sort_text not in spec.sort_choices:
            raise ListError("sort", f"must be one of {', '.join(spec.sort_choices)}")
        versions = params.get("versions", "").strip() or "latest"
        if versions not in ("latest", "all"):
            raise ListError("versions", "must be latest or all")
        limit_text = params.get("limit", "").strip()
        limit = DEFAULT_LIMIT
        if limit_text:
            if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LIMIT:
                raise ListError("limit", f"must be a whole number from 1 to {MAX_LIMIT}")
            limit = int(limit_text)
        return cls(
            spec=spec,
            filters=filters,
            sort=spec.sort(sort_text.lstrip("-")),
            descending=sort_text.startswith("-"),
            all_versions=versions == "all",
            cursor=params.get("cursor", "").strip(),
            limit=limit,
            fixed=fixed,
        )

    @property
    def sort_text(self) -> str:
        return f"{'-' if self.descending else ''}{self.sort.name}"

    def params(self, **changes: Any) -> dict[str, str]:
        """The query string of this query (without fixed filters), with changes; for links."""
        values: dict[str, str] = {
            name: _text(value) for name, value in self.filters.items() if name not in self.fixed
        }
        if self.all_versions:
            values["versions"] = "all"
        if self.sort_text != self.spec.default_sort:
            values["sort"] = self.sort_text
        if self.limit != DEFAULT_LIMIT:
            values["limit"] = str(self.limit)
        for name, value in changes.items():
            if value is None:
                values.pop(name, None)
            else:
                values[name] = str(value)
        return values

    def queryset(self) -> QuerySet:
        return self.spec.queryset(self)


def _text(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
