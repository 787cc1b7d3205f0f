"""Atom feeds of new filings: per saved search (the filings list's own query string), per
committee and per candidate (the committees it controls), with Django's syndication framework.

Feeds list every amendment (an amendment is news) unless the query says ``versions=latest``,
newest filed first, one page of the list.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import urlencode

from calaccess_processed.models import CandidateCommittee

from . import keyset
from .declarations import FILINGS
from .spec import ListError, Query

FEED_COLUMNS = tuple(column.name for column in FILINGS.columns)


class FilingsFeed(Feed):
    """New Form 460 filings matching a query."""

    feed_type = Atom1Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except ListError as error:
            return JsonResponse(
                {"error": {"parameter": error.parameter, "message": error.message}}, status=400
            )

    def get_object(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        params = {key: request.GET[key] for key in request.GET}
        params.setdefault("versions", "all")
        params.pop("sort", None)
        filer_ids = self.filer_ids(**kwargs)
        query = Query.parse(FILINGS, {**params, "sort": "-date"})
        rows = query.queryset()
        if filer_ids is not None:
            rows = rows.filter(filer_internal_id__in=filer_ids)
        items = list(keyset.ordered(query, rows.values(*FEED_COLUMNS, "id"), 0)[: query.limit])
        return {
            "kwargs": kwargs,
            "query": query,
            "items": items,
            "search": urlencode(query.params()),
        }

    def filer_ids(self, **kwargs: Any) -> list[int] | None:
        """The filers whose filings the feed follows (None: any filer)."""
        return None

    def title(self, obj: dict[str, Any]) -> str:
        search = obj["search"]
        return f"New filings{': ' + search if search else ''} · CAL-ACCESS"

    def link(self, obj: dict[str, Any]) -> str:
        return "/filings/" + (f"?{obj['search']}" if obj["search"] else "")

    def description(self, obj: dict[str, Any]) -> str:
        return "Form 460 filings, newest filed first."

    def items(self, obj: dict[str, Any]) -> list[dict[str, Any]]:
        return obj["items"]

    def item_title(self, item: dict[str, Any]) -> str:
        amendment = f" amendment {item['amend_id']}" if item["amend_id"] else ""
        return (
            f"{item['filer_lastname'] or item['filer_internal_id']}: {item['statement_type'] or ''}"
            f" filing {item['filing_id']}{amendment}, filed {item['date_filed'] or 'undated'}"
        )

    def item_description(self, item: dict[str, Any]) -> str:
        return (
            f"Period {item['from_date']} to {item['thru_date']}; contributions "
            f"{item['monetary_contributions']}, expenditures {item['total_expenditures_made']}."
        )

    def item_link(self, item: dict[str, Any]) -> str:
        return f"/filings/{item['filing_id']}/"

    def item_guid(self, item: dict[str, Any]) -> str:
        return f"tag:calaccess,2026:filing:{item['filing_id']}-{item['amend_id']}"

    item_guid_is_permalink = False

    def item_updateddate(self, item: dict[str, Any]) -> datetime.datetime | None:
        if item["date_filed"] is None:
            return None
        return datetime.datetime.combine(item["date_filed"], datetime.time(), datetime.UTC)

    item_pubdate = item_updateddate


class CommitteeFilingsFeed(FilingsFeed):
    """New filings of one committee."""

    def filer_ids(self, **kwargs: Any) -> list[int] | None:
        return [kwargs["filer_id"]]

    def title(self, obj: dict[str, Any]) -> str:
        return f"New filings of committee {obj['kwargs']['filer_id']} · CAL-ACCESS"

    def link(self, obj: dict[str, Any]) -> str:
        return f"/committees/{obj['kwargs']['filer_id']}/"


class CandidateFilingsFeed(FilingsFeed):
    """New filings of a candidate's controlled committees (and of the candidate's own id)."""

    def filer_ids(self, **kwargs: Any) -> list[int] | None:
        candidate = kwargs["filer_id"]
        committees = CandidateCommittee.objects.filter(candidate_filer_id=candidate)
        return [candidate, *committees.values_list("committee_filer_id", flat=True)]

    def title(self, obj: dict[str, Any]) -> str:
        return f"New filings of candidate {obj['kwargs']['filer_id']}'s committees · CAL-ACCESS"

    def link(self, obj: dict[str, Any]) -> str:
        return f"/candidates/{obj['kwargs']['filer_id']}/"
