"""The OpenAPI 3.1 description of the API, generated from the list declarations.

Each list's path takes exactly the parameters its :class:`~calaccess_web.lists.spec.ListSpec`
declares, so the description cannot drift from what the API accepts.
"""

from __future__ import annotations

from typing import Any

from .declarations import COMMITTEE_LISTS, LISTS
from .downloads import FORMATS
from .spec import MAX_LIMIT, TYPES, ListSpec

COLUMN_TYPES = {**TYPES, "boolean": {"type": "boolean"}}


def _parameter(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


def parameters(spec: ListSpec, fixed: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The query parameters of a list's page (``fixed``: set by the path instead)."""
    found = [
        _parameter(f.name, dict(TYPES[f.type]), f.help) for f in spec.filters if f.name not in fixed
    ]
    if spec.versions_model:
        found.append(
            _parameter(
                "versions",
                {"type": "string", "enum": ["latest", "all"], "default": "latest"},
                "latest: the latest amendment of each filing; all: every amendment",
            )
        )
    sorts = ", ".join(f"{s.name} ({s.help})" for s in spec.sorts)
    found += [
        _parameter(
            "sort",
            {"type": "string", "enum": list(spec.sort_choices), "default": spec.default_sort},
            f"Sort by {sorts}; a leading '-' is descending. NULL values come last.",
        ),
        _parameter("cursor", {"type": "string"}, "Opaque cursor of a page (from next or previous)"),
        _parameter(
            "limit",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 50},
            "Rows per page",
        ),
        _parameter(
            "format",
            {"type": "string", "enum": list(FORMATS)},
            "Download the whole list in this format instead of one page",
        ),
    ]
    return found


def _row_schema(spec: ListSpec) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            column.name: {
                **COLUMN_TYPES[column.type],
                "type": [COLUMN_TYPES[column.type]["type"], "null"],
                "title": column.label,
            }
            for column in spec.columns
        },
    }


def _page_schema(spec: ListSpec) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["results", "next", "cursor", "previous", "previous_cursor"],
        "properties": {
            "results": {
                "type": "array",
                "items": {"$ref": f"#/components/schemas/{spec.name}_row"},
            },
            "next": {"type": ["string", "null"], "description": "URL of the next page"},
            "cursor": {"type": ["string", "null"], "description": "Cursor of the next page"},
            "previous": {"type": ["string", "null"], "description": "URL of the previous page"},
            "previous_cursor": {
                "type": ["string", "null"],
                "description": "Cursor of the previous page",
            },
            "sort": {"type": "string"},
            "filters": {"type": "object"},
        },
    }


def _operations(
    spec: ListSpec, path_parameters: list[dict[str, Any]], fixed: tuple[str, ...]
) -> dict[str, dict[str, Any]]:
    query = parameters(spec, fixed)
    filters_only = [p for p in query if p["name"] not in ("cursor", "limit", "format")]
    errors = {
        "400": {
            "description": "A bad parameter, named in the error",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}},
        }
    }
    suffix = "" if not fixed else " of one committee"
    return {
        "": {
            "get": {
                "summary": f"{spec.title}{suffix}: one page",
                "description": spec.description,
                "operationId": f"{spec.name}{'_committee' if fixed else ''}_page",
                "parameters": path_parameters + query,
                "responses": {
                    "200": {
                        "description": "One page",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{spec.name}_page"}
                            }
                        },
                    },
                    **errors,
                },
            }
        },
        "download.{format}": {
            "get": {
                "summary": f"{spec.title}{suffix}: every row, streamed",
                "operationId": f"{spec.name}{'_committee' if fixed else ''}_download",
                "parameters": path_parameters
                + [
                    {
                        "name": "format",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "enum": list(FORMATS)},
                    }
                ]
                + filters_only,
                "responses": {
                    "200": {
                        "description": "CSV (header first), a JSON array, or NDJSON "
                        'ending with {"summary": {"rows": N}}',
                        "content": {mime.split(";")[0]: {} for mime in FORMATS.values()},
                    },
                    **errors,
                },
            }
        },
        "manifest.json": {
            "get": {
                "summary": f"{spec.title}{suffix}: row count and SHA-256 of the CSV download",
                "operationId": f"{spec.name}{'_committee' if fixed else ''}_manifest",
                "parameters": path_parameters + filters_only,
                "responses": {
                    "200": {
                        "description": "The manifest",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/manifest"}
                            }
                        },
                    },
                    **errors,
                },
            }
        },
    }


def describe(server_url: str = "/") -> dict[str, Any]:
    """The whole OpenAPI document."""
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {
        "error": {
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "properties": {"parameter": {"type": "string"}, "message": {"type": "string"}},
                }
            },
        },
        "manifest": {
            "type": "object",
            "properties": {
                "rows": {"type": "integer"},
                "bytes": {"type": "integer"},
                "sha256": {"type": "string"},
                "csv": {"type": "string"},
                "list": {"type": "string"},
                "query": {"type": "string"},
            },
        },
    }
    filer = [
        {
            "name": "filer_id",
            "in": "path",
            "required": True,
            "schema": {"type": "integer"},
            "description": "Filer id of the committee",
        }
    ]
    for spec in LISTS.values():
        schemas[f"{spec.name}_row"] = _row_schema(spec)
        schemas[f"{spec.name}_page"] = _page_schema(spec)
        for tail, item in _operations(spec, [], ()).items():
            paths[f"/api/{spec.name}/{tail}"] = item
    for spec in COMMITTEE_LISTS.values():
        for tail, item in _operations(spec, filer, (spec.committee_filter,)).items():
            paths[f"/api/committees/{{filer_id}}/{spec.name}/{tail}"] = item
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "CAL-ACCESS browser API",
            "version": "1",
            "description": "Read-only lists of California campaign-finance data, paged by an "
            "opaque cursor; every list also downloads whole as CSV, JSON or NDJSON.",
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
