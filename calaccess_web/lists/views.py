"""Views of the lists: HTML pages, the JSON API, streamed downloads, manifests and OpenAPI.

One view per kind of answer, each taking the list's name (and a committee's filer id for the
committee's own lists) from its URL; what a list filters and shows comes from its declaration.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from . import downloads, keyset, openapi
from .declarations import LISTS
from .spec import ListError, ListSpec, Query


def parse(request: HttpRequest, name: str, filer_id: int | None) -> Query:
    """The request's query of a list (the committee fixed on a committee's own list)."""
    spec = LISTS[name]
    fixed = {spec.committee_filter: filer_id} if filer_id is not None else {}
    return Query.parse(spec, {key: request.GET[key] for key in request.GET}, fixed)


def url(kind: str, query: Query, **changes: Any) -> str:
    """The URL of a list's page, API page, download or manifest for the same query."""
    args: dict[str, Any] = {"name": query.spec.name}
    prefix = "lists-"
    if query.fixed:
        args["filer_id"] = next(iter(query.fixed.values()))
        prefix = "lists-committee-"
    if kind == "feed":
        del args["name"]
    file_format = changes.pop("file_format", None)
    if file_format:
        args["file_format"] = file_format
    path = reverse(prefix + kind, kwargs=args)
    params = query.params(**changes)
    return path + ("?" + urlencode(params) if params else "")


def _error_json(error: ListError) -> JsonResponse:
    return JsonResponse(
        {"error": {"parameter": error.parameter, "message": error.message}}, status=400
    )


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _cells(spec: ListSpec, row: dict[str, Any]) -> list[dict[str, Any]]:
    cells = []
    for column in spec.columns:
        value = row[column.name]
        href = None
        if value is not None and column.name == "filing_id":
            href = f"/filings/{value}/"
        elif value is not None and column.name == spec.committee_column:
            href = f"/committees/{value}/"
        cells.append({"value": _display(value), "href": href, "type": column.type})
    return cells


def _json_row(spec: ListSpec, row: dict[str, Any]) -> dict[str, Any]:
    return {column.name: _json_value(row[column.name]) for column in spec.columns}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def list_page(request: HttpRequest, name: str, filer_id: int | None = None) -> HttpResponseBase:
    """The HTML list with its filter form; ``?format=csv`` (json, ndjson) downloads it."""
    try:
        query = parse(request, name, filer_id)
        file_format = request.GET.get("format", "").strip()
        if file_format:
            return _download(query, file_format)
        page = keyset.page(query, tuple(c.name for c in query.spec.columns))
    except ListError as error:
        return render(request, "calaccess_web/lists/error.html", {"error": error}, status=400)
    spec = query.spec
    fields = []
    for spec_filter in spec.filters:
        if spec_filter.name in query.fixed:
            continue
        value = query.filters.get(spec_filter.name)
        fields.append(
            {
                "filter": spec_filter,
                "value": "" if value is None else str(value),
                "input": {"date": "date", "integer": "number", "decimal": "number"}.get(
                    spec_filter.type, "text"
                ),
            }
        )
    context = {
        "spec": spec,
        "query": query,
        "filer_id": filer_id,
        "fields": fields,
        "rows": [_cells(spec, row) for row in page.rows],
        "next_url": url("page", query, cursor=page.next_cursor) if page.next_cursor else None,
        "previous_url": (
            url("page", query, cursor=page.previous_cursor) if page.previous_cursor else None
        ),
        "first_url": url("page", query) if query.cursor else None,
        "downloads": [(fmt, url("download", query, file_format=fmt)) for fmt in downloads.FORMATS],
        "manifest_url": url("manifest", query),
        "api_url": url("api", query),
        "feed_url": url("feed", query) if spec.name == "filings" else None,
    }
    return render(request, "calaccess_web/lists/list.html", context)


def api_list(request: HttpRequest, name: str, filer_id: int | None = None) -> HttpResponseBase:
    """One page of a list as JSON, with the cursors and URLs of the next and previous pages."""
    try:
        query = parse(request, name, filer_id)
        file_format = request.GET.get("format", "").strip()
        if file_format:
            return _download(query, file_format)
        page = keyset.page(query, tuple(c.name for c in query.spec.columns))
    except ListError as error:
        return _error_json(error)
    next_url = None
    if page.next_cursor:
        next_url = request.build_absolute_uri(url("api", query, cursor=page.next_cursor))
    previous_url = None
    if page.previous_cursor:
        previous_url = request.build_absolute_uri(url("api", query, cursor=page.previous_cursor))
    return JsonResponse(
        {
            "results": [_json_row(query.spec, row) for row in page.rows],
            "next": next_url,
            "cursor": page.next_cursor,
            "previous": previous_url,
            "previous_cursor": page.previous_cursor,
            "sort": query.sort_text,
            "filters": {key: _json_value(value) for key, value in query.filters.items()},
        }
    )


def _download(query: Query, file_format: str) -> StreamingHttpResponse:
    if file_format not in downloads.FORMATS:
        raise ListError("format", f"must be one of {', '.join(downloads.FORMATS)}")
    if query.cursor:
        raise ListError("cursor", "a download holds every row: leave the cursor out")
    summary = {"list": query.spec.name, "query": urlencode(query.params()), "sort": query.sort_text}
    if query.fixed:
        summary["committee"] = next(iter(query.fixed.values()))
    response = StreamingHttpResponse(
        downloads.chunks(query, file_format, summary), content_type=downloads.FORMATS[file_format]
    )
    stem = query.spec.name
    if query.fixed:
        stem = f"committee-{next(iter(query.fixed.values()))}-{stem}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
    return response


def download(
    request: HttpRequest, name: str, file_format: str, filer_id: int | None = None
) -> HttpResponseBase:
    """The whole list as CSV, JSON or NDJSON, streamed; the same filters as the page."""
    try:
        return _download(parse(request, name, filer_id), file_format)
    except ListError as error:
        return _error_json(error)


def manifest(request: HttpRequest, name: str, filer_id: int | None = None) -> HttpResponse:
    """Row count and SHA-256 of the CSV download of the same query: proof a download is whole."""
    try:
        query = parse(request, name, filer_id)
    except ListError as error:
        return _error_json(error)
    figures = downloads.csv_manifest(query)
    return JsonResponse(
        {
            "list": query.spec.name,
            "query": urlencode(query.params()),
            "csv": request.build_absolute_uri(url("download", query, file_format="csv")),
            **figures,
        }
    )


def openapi_json(request: HttpRequest) -> JsonResponse:
    """The OpenAPI 3.1 description, generated from the list declarations."""
    return JsonResponse(openapi.describe(request.build_absolute_uri("/")))
