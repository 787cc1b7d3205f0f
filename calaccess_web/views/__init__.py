"""The web app's views: one package per site (``website/``: the baked downloads and docs)."""
