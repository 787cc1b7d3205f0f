"""Crawling the website: fetch each page through the client, parse it, save its rows.

One module per scraper (:mod:`.propositions`, :mod:`.candidates`, :mod:`.incumbents`), each a
declaration of its lists (:class:`.lists.ListPages`) and the saving of its rows; what they share
is in :mod:`.crawl` (fetch, read, record failures) and :mod:`.lists` (follow the navigation from
the site's entry page, expanding "Prior Elections"/"Historical"). Every page is saved in its own
transaction, replacing exactly the rows that page produced, so a re-run never duplicates rows and
a page that fails keeps its previous rows. A page that cannot be fetched (4xx, 5xx or timeouts
after retries, a bot-block page) is recorded and skipped; the run then ends with
:class:`~.recorder.ScrapeIncomplete`. A page whose layout changed, or a block of the whole site,
stops the run.
"""
