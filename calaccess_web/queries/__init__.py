"""The browser's queries: small library modules the views call, one per page type.

They read the processed models (and the scraped measure committees) with a fixed number of
queries per page, whatever the number of rows: each list is one query, never one per row.
"""


class NotFound(LookupError):
    """No filer, candidate, filing, election or measure has this id (a 404)."""
