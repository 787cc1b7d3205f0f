"""A tiny app that exists only in tests, to exercise LoggedExtendedModel and app discovery."""
