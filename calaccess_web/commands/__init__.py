"""The web app's framework steps."""
