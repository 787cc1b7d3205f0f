"""URLs of the downloads and documentation website (baked to static files)."""

urlpatterns: list = []
