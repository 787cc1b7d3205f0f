"""URLs of the campaign browser and its JSON API."""

urlpatterns: list = []
