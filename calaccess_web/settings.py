"""The web app's settings: where the downloads and documentation site is baked and published."""

from pathlib import Path

from calaccess_toolkit import conf


def default_build_dir() -> str:
    """``<data folder>/website``: the baked site sits beside the data it publishes."""
    return str(Path(conf.get("CALACCESS_DATA_DIR")) / "website")


WEBSITE_BUILD_DIR = conf.Setting(
    "CALACCESS_WEBSITE_BUILD_DIR",
    None,
    "Folder the downloads and documentation site is baked into (pages, downloads, `latest/`).",
    default_factory=default_build_dir,
    default_doc="`<data>/website`",
)
WEBSITE_STORAGE = conf.Setting(
    "CALACCESS_WEBSITE_STORAGE",
    "website",
    "Alias in `STORAGES` that `--publish` copies the baked site to: a folder "
    "(`FileSystemStorage`) or S3 (django-storages' `S3Storage`).",
)
WEBSITE_PUBLIC_URL = conf.Setting(
    "CALACCESS_WEBSITE_PUBLIC_URL",
    "http://localhost:8000",
    "Address the published site is served at, for the absolute links of `sitemap.xml` and "
    "`robots.txt`.",
)

SETTINGS = conf.declare("calaccess_web", WEBSITE_BUILD_DIR, WEBSITE_STORAGE, WEBSITE_PUBLIC_URL)
