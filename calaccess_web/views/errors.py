"""The error edge: what a bad id or a bad filter becomes, a 4xx page and never a traceback.

Every view is wrapped by :func:`error_edge`. An unknown id (``NotFound``, ``Http404``, a
model's ``DoesNotExist``) is a 404; a bad parameter (``UsageError``: a bad filter, mode, year or
search words) a 400; any other toolkit error (data not processed yet, say) a 503. Each page
names the problem in one line.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from calaccess_toolkit.errors import ToolkitError, UsageError
from calaccess_web.queries import NotFound

TEMPLATE = "calaccess_web/browser/error.html"


class BadParameter(UsageError):
    """A URL parameter the page cannot read (a 400)."""


def error_page(request: HttpRequest, status: int, message: str) -> HttpResponse:
    titles = {400: "Bad request", 404: "Not found", 503: "Data not available"}
    context = {"status": status, "title": titles.get(status, "Error"), "message": message}
    return render(request, TEMPLATE, context, status=status)


def error_edge(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except (NotFound, ObjectDoesNotExist, Http404) as error:
            return error_page(request, 404, str(error) or "No such page.")
        except UsageError as error:
            return error_page(request, 400, str(error))
        except ToolkitError as error:
            return error_page(request, 503, str(error))

    return wrapped


def int_parameter(request: HttpRequest, name: str) -> int | None:
    """An optional whole-number URL parameter; anything else is a :class:`BadParameter`."""
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    if not value.lstrip("-").isdigit():
        raise BadParameter(f"{name} must be a whole number, not {value!r}")
    return int(value)
