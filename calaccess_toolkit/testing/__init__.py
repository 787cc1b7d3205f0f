"""Helpers the test suites share: where the shared fixtures live and a real local HTTP server."""
