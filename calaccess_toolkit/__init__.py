"""Shared, app-independent pieces of the CAL-ACCESS toolkit: settings table and error types."""
