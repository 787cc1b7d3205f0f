"""Processed CAL-ACCESS data: clean filings and Open Civic Data election models, and the full update."""
