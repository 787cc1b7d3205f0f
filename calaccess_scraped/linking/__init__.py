"""Facts derived from the raw export rather than scraped, where the website's pages are not read."""
