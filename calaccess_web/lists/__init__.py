"""The browser's lists (contributions, expenditures, filings, filers), declared once each: pages,
API, downloads, feeds and the OpenAPI description are generated from the declarations."""
