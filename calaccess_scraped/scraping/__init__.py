"""Crawling the website: fetch each page through the client, parse it, save its rows.

One module per scraper (:mod:`.propositions`, :mod:`.candidates`, :mod:`.incumbents`). Each starts
at the site's own entry page, follows the navigation (expanding "Prior Elections"/"Historical"),
and saves every page in its own transaction, replacing exactly the rows that page produced, so a
re-run never duplicates rows and a page that fails keeps its previous rows. A page that cannot be
fetched (4xx, 5xx or timeouts after retries, a bot-block page) is recorded and skipped; the run
then ends with :class:`~.recorder.ScrapeIncomplete`. A page whose layout changed stops the run.
"""
