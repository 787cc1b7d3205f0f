"""Pure functions from the HTML of one CAL-ACCESS page to dataclasses, one module per page type.

Every parser takes the raw bytes as served (or as captured by a browser) and the page's URL, which
only names the page in error messages. Links are returned as site paths (``/Campaign/...``) or
ids, never as absolute URLs, so a page saved with absolute links to the live site and a page served
with relative links parse the same, and the scraper builds URLs from its own base URL.

A page that lacks the structure a parser relies on raises
:class:`~calaccess_scraped.parsing.errors.LayoutChanged`, naming the page and what is missing, so a
redesign of the site fails loudly instead of loading nothing.
"""
