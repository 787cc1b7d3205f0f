"""URLs of the downloads and documentation website (baked to static files, see website/baking.py).

Every address ends in ``/`` (baked as ``<address>index.html``) except the two files.
"""

from django.urls import path

from .views.website import (
    archive,
    commands,
    configuration,
    documents,
    faq,
    forms,
    latest,
    models,
    sitemap,
    tables,
)

urlpatterns = [
    path("downloads/", latest.LatestReleaseView.as_view(), name="website-latest"),
    path("downloads/archive/", archive.ArchiveView.as_view(), name="website-archive"),
    path("downloads/archive/<str:stamp>/", archive.ReleaseView.as_view(), name="website-release"),
    path("docs/tables/", tables.TableIndexView.as_view(), name="website-tables"),
    path("docs/tables/<str:name>/", tables.TableView.as_view(), name="website-table"),
    path("docs/models/", models.ModelIndexView.as_view(), name="website-models"),
    path("docs/models/<str:name>/", models.ModelView.as_view(), name="website-model"),
    path("docs/forms/", forms.FormIndexView.as_view(), name="website-forms"),
    path("docs/forms/<str:form_id>/", forms.FormView.as_view(), name="website-form"),
    path("docs/documents/", documents.DocumentsView.as_view(), name="website-documents"),
    path("docs/commands/", commands.CommandsView.as_view(), name="website-commands"),
    path("docs/settings/", configuration.SettingsView.as_view(), name="website-settings"),
    path("docs/faq/", faq.FaqView.as_view(), name="website-faq"),
    path("sitemap.xml", sitemap.SitemapView.as_view(), name="website-sitemap"),
    path("robots.txt", sitemap.RobotsView.as_view(), name="website-robots"),
]
