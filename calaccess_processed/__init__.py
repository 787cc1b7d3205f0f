"""Processed CAL-ACCESS data: clean filings, Open Civic Data elections, and the full update."""
