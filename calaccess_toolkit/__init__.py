"""Shared, app-independent pieces of the CAL-ACCESS toolkit: settings table, database settings
from a URL, error types, one-line network errors and test helpers."""
