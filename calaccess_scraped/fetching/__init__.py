"""Fetching pages of the CAL-ACCESS website politely, with a local cache and typed errors.

:class:`~calaccess_scraped.fetching.client.WebsiteClient` is the only way the scrapers talk to the
site: it names the toolkit in its User-Agent, keeps to a request rate, retries timeouts and 5xx
answers with exponential backoff, refuses bot-block pages (and stops under a site-wide block), and
keeps every good page in :class:`~calaccess_scraped.fetching.cache.PageCache` so later runs ask
with a conditional GET and only download what changed.
"""
