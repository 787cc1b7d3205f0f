"""The downloads and documentation website, baked from the loaded fixtures.

One bake for the module (``createlatestlinks`` then ``bakecalaccesswebsite``, as the nightly
job runs them) over the package's loaded data; every test reads that build folder. The crawl
follows every internal link of every baked page, downloads included; publishing goes to a real
folder storage and to a real S3-compatible server (moto's, on 127.0.0.1); headless Chromium
opens two baked pages from a local static server.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import html.parser
import io
import json
import os
import shutil
import threading
import zipfile
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import override_settings
from django.utils.html import escape

from calaccess_processed.models import ProcessedDataVersion
from calaccess_processed.tests.coherent import export_bytes
from calaccess_raw.models import RawDataFile, RawDataVersion
from calaccess_toolkit import conf
from calaccess_toolkit.testing.browser import headless_chromium, screenshot_dir
from calaccess_toolkit.testing.fixtures import fixture
from calaccess_toolkit.testing.httpserver import LocalHTTPServer
from calaccess_web.website import WebsiteError, publishing
from calaccess_web.website.releases import release_stamp
from django_commander.models import CommandLog
from django_commander.registry import commands

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def run(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def build(web_data, django_db_blocker, tmp_path_factory) -> Iterator[Path]:
    """The site baked once from the loaded fixtures; yields the build folder."""
    folder = tmp_path_factory.mktemp("website") / "build"
    with django_db_blocker.unblock(), override_settings(CALACCESS_WEBSITE_BUILD_DIR=str(folder)):
        run("createlatestlinks", "--noinput")
        run("bakecalaccesswebsite", "--noinput")
        yield folder


def shared_rows(name: str) -> list[dict[str, str]]:
    with fixture("calaccess-schema", name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


class Links(html.parser.HTMLParser):
    """Every href and src of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target(build: Path, url: str) -> Path:
    """The file a site-absolute URL is served from (a folder serves its index.html)."""
    path = build / urlparse(url).path.lstrip("/")
    return path / "index.html" if url.endswith("/") or path.is_dir() else path


def latest_release() -> RawDataVersion:
    return RawDataVersion.objects.completed().get()


def test_the_site_bakes_a_page_for_every_table_form_and_processed_model(build):
    tables = shared_rows("tables.csv")
    assert len(tables) == 80
    for row in tables:
        page = build / "docs" / "tables" / row["table"] / "index.html"
        assert page.exists(), row["table"]
    for row in shared_rows("forms.csv"):
        assert (build / "docs" / "forms" / row["id"] / "index.html").exists(), row["id"]
    for model in apps.get_app_config("calaccess_processed").get_models():
        assert (build / "docs" / "models" / model.__name__ / "index.html").exists()
    assert (build / "index.html").exists() and (build / "robots.txt").exists()
    state = json.loads((build / ".bake.json").read_text())
    assert "docs/tables/RCPT_CD/index.html" in state["pages"]


def test_every_field_lookup_code_command_and_setting_has_its_place(build):
    ids = {}
    for row in shared_rows("fields.csv"):
        table = row["table"]
        if table not in ids:
            ids[table] = parse(build / "docs" / "tables" / table / "index.html").ids
        assert row["column"] in ids[table], f"{table}.{row['column']}"
    filer_type = (build / "docs/tables/FILER_TO_FILER_TYPE_CD/index.html").read_text()
    assert 'refers to <a href="/docs/tables/FILER_TYPES_CD/">' in filer_type
    pages: dict[str, str] = {}
    choices = shared_rows("choices.csv")
    assert len(choices) == 2720
    for row in choices:
        if row["table"] not in pages:
            pages[row["table"]] = (build / "docs/tables" / row["table"] / "index.html").read_text()
        page = pages[row["table"]]
        assert (
            f"<dt><code>{escape(row['code'])}</code></dt><dd>{escape(row['meaning'])}</dd>" in page
        )
    assert "FILER_TYPE" in filer_type
    document_ids = parse(build / "docs/documents/index.html").ids
    assert {f"d{row['id']}" for row in shared_rows("documents.csv")} <= document_ids
    for row in shared_rows("sections.csv"):
        assert row["id"] in parse(build / "docs/forms" / row["form_id"] / "index.html").ids
    command_ids = parse(build / "docs/commands/index.html").ids
    assert set(commands) <= command_ids
    setting_ids = parse(build / "docs/settings/index.html").ids
    declared = {s.name for group in conf.declarations().values() for s in group}
    assert declared <= setting_ids
    assert "CALACCESS_WEBSITE_BUILD_DIR" in setting_ids


def test_every_internal_link_of_every_baked_page_resolves_downloads_included(build):
    pages = [p for p in build.rglob("*.html") if p.relative_to(build).parts[0] != "latest"]
    assert len(pages) > 80 + 48
    broken, downloads = [], set()
    for page in pages:
        for link in parse(page).links:
            url, _fragment = urldefrag(link)
            if not url.startswith("/"):
                assert url.startswith(("https://", "http://")), (page, link)
                continue
            if not target(build, url).is_file():
                broken.append((str(page.relative_to(build)), link))
            if url.startswith(("/latest/", "/downloads/")) and not url.endswith("/"):
                downloads.add(url)
    assert broken == []
    stamp = release_stamp(latest_release())
    assert {"/latest/dbwebexport.zip", "/latest/processed.zip", "/latest/flat.zip"} <= downloads
    assert f"/downloads/{stamp}/clean.zip" in downloads  # from the release's archive page
    sitemap = (build / "sitemap.xml").read_text()
    locations = [
        line.split("<loc>")[1].split("</loc>")[0]
        for line in sitemap.splitlines()
        if "<loc>" in line
    ]
    assert len(locations) == len(pages)
    assert all(target(build, urlparse(url).path).is_file() for url in locations)
    assert "Sitemap: http://localhost:8000/sitemap.xml" in (build / "robots.txt").read_text()


def test_the_latest_page_lists_each_file_with_size_rows_sha256_and_the_errata(build):
    version = latest_release()
    latest = build / "latest"
    assert latest.is_symlink() and latest.resolve().name == release_stamp(version)
    export = export_bytes()
    assert (latest / "dbwebexport.zip").read_bytes() == export
    page = (build / "downloads" / "index.html").read_text()
    assert hashlib.sha256(export).hexdigest() in page
    assert f"<td>{version.download_record_count}</td>" in page
    with zipfile.ZipFile(latest / "clean.zip") as clean:
        assert "RCPT_CD.csv" in clean.namelist()
    processed = ProcessedDataVersion.objects.get(raw_release_datetime=version.release_datetime)
    assert f"<td>{processed.row_count}</td>" in page
    with zipfile.ZipFile(latest / "flat.zip") as flat:
        rows = list(csv.reader(io.TextIOWrapper(flat.open("Form460ScheduleAItem.csv"), "utf-8")))
    cover, item = rows[0].index("filing_filing_id"), rows[0].index("filing_id")
    assert len(rows) > 1 and all(row[cover] == row[item] for row in rows[1:])
    logged = RawDataFile.objects.filter(version=version, error_count__gt=0)
    assert logged.exists()
    for file in logged:
        assert f'/latest/errors/{file.file_name}.errors.csv"' in page
        log = (latest / "errors" / f"{file.file_name}.errors.csv").read_text()
        assert len(log.splitlines()) == file.error_count + 1  # header + one line per row


def test_latest_never_names_a_release_that_is_not_complete(build, settings):
    settings.CALACCESS_WEBSITE_BUILD_DIR = str(build)
    complete = release_stamp(latest_release())
    newer = RawDataVersion.objects.create(
        release_datetime=latest_release().release_datetime.replace(year=2030)
    )
    assert "latest/ now holds the release of" in run("createlatestlinks", "--noinput")
    assert (build / "latest").resolve().name == complete
    assert not (build / "downloads" / release_stamp(newer)).exists()


def test_latest_skips_a_release_whose_processed_archive_failed(build, tmp_path, settings):
    settings.CALACCESS_WEBSITE_BUILD_DIR = str(tmp_path / "site")
    settings.CALACCESS_STORE_ARCHIVE = True
    complete = latest_release()
    newer = RawDataVersion.objects.create(
        release_datetime=complete.release_datetime.replace(year=2030),
        update_start_datetime=complete.update_start_datetime,
        update_finish_datetime=complete.update_finish_datetime,
        download_zip_archive=complete.download_zip_archive.name,
    )
    # Processing marked finished, but its archive step failed: no processed.zip.
    ProcessedDataVersion.objects.create(
        raw_release_datetime=newer.release_datetime,
        started_at=complete.update_start_datetime,
        finished_at=complete.update_finish_datetime,
    )
    run("createlatestlinks", "--noinput")
    assert (tmp_path / "site/latest").resolve().name == release_stamp(complete)
    settings.CALACCESS_STORE_ARCHIVE = False  # nothing archived to wait for: the raw ZIP is all
    run("createlatestlinks", "--noinput")
    assert (tmp_path / "site/latest").resolve().name == release_stamp(newer)


def test_check_fails_when_latest_files_json_or_table_counts_changed_after_the_bake(
    build_copy, settings
):
    settings.CALACCESS_WEBSITE_BUILD_DIR = str(build_copy)
    assert "up to date" in run("bakecalaccesswebsite", "--check", "--noinput")
    RawDataFile.objects.filter(file_name="RCPT_CD").update(error_count=F("error_count") + 1)
    with pytest.raises(CommandError, match="stale"):
        run("bakecalaccesswebsite", "--check", "--noinput")
    RawDataFile.objects.filter(file_name="RCPT_CD").update(error_count=F("error_count") - 1)
    assert "up to date" in run("bakecalaccesswebsite", "--check", "--noinput")
    manifest = build_copy / os.readlink(build_copy / "latest") / "files.json"
    manifest.write_text(manifest.read_text().replace('"clean"', '"clean" '))
    with pytest.raises(CommandError, match="stale"):
        run("bakecalaccesswebsite", "--check", "--noinput")
    new = fake_release(build_copy, "2031-01-01_00-00-00")  # a folder no page shows
    run("bakecalaccesswebsite", "--noinput")
    assert "up to date" in run("bakecalaccesswebsite", "--check", "--noinput")
    (build_copy / "latest").unlink()  # latest switched after the bake: the pages are stale
    (build_copy / "latest").symlink_to(new, target_is_directory=True)
    with pytest.raises(CommandError, match="stale"):
        run("bakecalaccesswebsite", "--check", "--noinput")


def test_check_passes_on_a_fresh_bake_and_fails_when_the_data_changed(build, settings):
    settings.CALACCESS_WEBSITE_BUILD_DIR = str(build)
    assert "up to date" in run("bakecalaccesswebsite", "--check", "--noinput")
    ProcessedDataVersion.objects.update(row_count=1)  # rolled back after the test
    with pytest.raises(CommandError, match="stale") as raised:
        run("bakecalaccesswebsite", "--check", "--noinput")
    assert raised.value.returncode == 1


def test_publish_to_a_folder_uploads_the_build_then_nothing(build, tmp_path, settings):
    settings.CALACCESS_WEBSITE_BUILD_DIR = str(build)
    settings.STORAGES = {
        **settings.STORAGES,
        "website": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "published")},
        },
    }
    stamp = release_stamp(latest_release())
    files = publishing.build_files(build)
    assert "docs/tables/RCPT_CD/index.html" in files and f"downloads/{stamp}/clean.zip" in files
    assert not any(name.startswith("latest/") for name in files)  # a pointer, not copies
    pointers = publishing.latest_pointers(build, files)
    assert pointers["latest/dbwebexport.zip"] == f"downloads/{stamp}/dbwebexport.zip"
    # Every file plus the one latest link.
    assert f"Published to 'website': {len(files) + 1} uploaded" in run("publishcalaccesswebsite")
    published = tmp_path / "published"
    assert (published / "latest").is_symlink()
    assert os.readlink(published / "latest") == f"downloads/{stamp}"
    assert (published / "latest/dbwebexport.zip").read_bytes() == export_bytes()
    assert "0 uploaded, 0 deleted" in run("publishcalaccesswebsite")
    (build / "docs/faq/index.html").unlink()  # a damaged build: publishing refuses it
    with pytest.raises(CommandError, match="lacks") as raised:
        run("publishcalaccesswebsite")
    assert raised.value.returncode == 1
    run("bakecalaccesswebsite")  # the same data bakes the same bytes: nothing to upload
    assert "0 uploaded, 0 deleted" in run("publishcalaccesswebsite")
    storage = FileSystemStorage(location=str(published))
    assert storage.exists(publishing.MANIFEST)


@pytest.fixture
def build_copy(build, tmp_path) -> Path:
    """A copy of the baked build (links kept) that a test may change."""
    copy = tmp_path / "build"
    shutil.copytree(build, copy, symlinks=True)
    return copy


def fake_release(build: Path, stamp: str) -> str:
    """A newer release folder beside the real one, gathered (files.json) with one file."""
    folder = build / "downloads" / stamp
    folder.mkdir(parents=True)
    data = b"a newer export"
    (folder / "dbwebexport.zip").write_bytes(data)
    row = dict(kind="raw", title="raw", name="dbwebexport.zip", size=len(data))
    row |= dict(sha256=hashlib.sha256(data).hexdigest(), row_count=1, error_count=0)
    (folder / "files.json").write_text(json.dumps([row]))
    return f"downloads/{stamp}"


def test_a_failed_publish_leaves_latest_on_the_release_it_named(build_copy, tmp_path):
    published = tmp_path / "published"
    storage = FileSystemStorage(location=str(published))
    old = os.readlink(build_copy / "latest")
    publishing.publish(build_copy, storage)
    new = fake_release(build_copy, "2031-01-01_00-00-00")
    (build_copy / "latest").unlink()
    (build_copy / "latest").symlink_to(new, target_is_directory=True)
    (build_copy / "docs/new").mkdir()
    (build_copy / "docs/new/index.html").write_text("<p>new</p>")
    (published / "docs/new").write_text("a file where the folder must go")  # the page fails
    with pytest.raises(OSError):
        publishing.publish(build_copy, storage)
    assert os.readlink(published / "latest") == old  # not switched: the old release, whole
    assert (published / "latest/dbwebexport.zip").read_bytes() == export_bytes()
    assert (published / new / "dbwebexport.zip").read_bytes() == b"a newer export"  # went first
    (published / "docs/new").unlink()
    result = publishing.publish(build_copy, storage)
    assert result.uploaded[-1] == "latest" and os.readlink(published / "latest") == new
    assert (published / "latest/dbwebexport.zip").read_bytes() == b"a newer export"
    assert not list(published.rglob("*.part"))  # written under temporary names, renamed


def test_publish_deletes_what_the_storage_holds_and_reuses_the_release_digests(
    build_copy, tmp_path, monkeypatch
):
    published = tmp_path / "published"
    storage = FileSystemStorage(location=str(published))
    (build_copy / ".latest.4242").symlink_to(os.readlink(build_copy / "latest"))
    hashed: list[str] = []
    real_sha256 = publishing.file_sha256

    def counting_sha256(path: Path) -> str:
        hashed.append(path.relative_to(build_copy).as_posix())
        return real_sha256(path)

    monkeypatch.setattr(publishing, "file_sha256", counting_sha256)
    first = publishing.publish(build_copy, storage)
    assert not any(name.startswith(".latest") for name in first.uploaded)
    assert not (published / ".latest.4242").exists()
    stamp = release_stamp(latest_release())
    assert f"downloads/{stamp}/files.json" in hashed  # small: hashed
    assert not any(name.endswith(".zip") for name in hashed)  # from files.json
    # An upload of a publish that died before its manifest, then gone from the build.
    (published / "docs/orphan.html").write_text("left over")
    (published / publishing.MANIFEST).unlink()  # and the manifest lost
    second = publishing.publish(build_copy, storage)
    assert second.deleted == ("docs/orphan.html",)
    assert not (published / "docs/orphan.html").exists()
    (published / publishing.MANIFEST).write_text("{not json")
    with pytest.raises(WebsiteError, match="damaged") as raised:
        publishing.publish(build_copy, storage)
    assert "\n" not in str(raised.value)


def test_publish_to_an_s3_server_uploads_the_build_then_nothing(build):
    import boto3
    from moto.server import ThreadedMotoServer
    from storages.backends.s3 import S3Storage

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        credentials = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
        client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **credentials)
        client.create_bucket(Bucket="calaccess-site")
        storage = S3Storage(
            bucket_name="calaccess-site",
            endpoint_url=endpoint,
            access_key="test",
            secret_key="test",
            region_name="us-east-1",
        )
        first = publishing.publish(build, storage)
        files = publishing.build_files(build)
        pointers = publishing.latest_pointers(build, files)
        assert len(first.uploaded) == len(files) + len(pointers) and first.unchanged == 0
        stamp = release_stamp(latest_release())
        # The dated release files first, then the pages, the latest/ pointers last.
        order = [name.split("/")[0] for name in first.uploaded]
        assert first.uploaded[0].startswith(f"downloads/{stamp}/")
        assert order[-len(pointers) :] == ["latest"] * len(pointers)
        assert "latest" not in order[: -len(pointers)]
        dated = client.get_object(Bucket="calaccess-site", Key=f"downloads/{stamp}/dbwebexport.zip")
        assert dated["Body"].read() == export_bytes()
        pointer = client.get_object(Bucket="calaccess-site", Key="latest/dbwebexport.zip")
        assert pointer["WebsiteRedirectLocation"] == f"/downloads/{stamp}/dbwebexport.zip"
        assert pointer["ContentLength"] < 1000
        assert f"/downloads/{stamp}/dbwebexport.zip" in pointer["Body"].read().decode()
        page = client.head_object(Bucket="calaccess-site", Key="docs/tables/RCPT_CD/index.html")
        assert page["ContentType"].startswith("text/html")
        second = publishing.publish(build, storage)
        assert second.uploaded == () and second.deleted == ()
        assert second.unchanged == len(files) + len(pointers)
        client.put_object(Bucket="calaccess-site", Key="latest/gone.zip", Body=b"old")
        third = publishing.publish(build, storage)
        assert third.deleted == ("latest/gone.zip",) and third.uploaded == ()
    finally:
        server.stop()


def test_the_pages_are_django_views_too_and_bad_input_is_a_404(build, client, settings):
    settings.CALACCESS_WEBSITE_BUILD_DIR = str(build)
    live = client.get("/docs/tables/RCPT_CD/")
    assert live.status_code == 200
    assert live.content == (build / "docs/tables/RCPT_CD/index.html").read_bytes()
    assert client.get("/downloads/").content == (build / "downloads/index.html").read_bytes()
    assert client.get("/docs/tables/NO_SUCH_CD/").status_code == 404
    assert client.get("/docs/models/NoSuchModel/").status_code == 404
    assert client.get("/docs/forms/F999/").status_code == 404
    assert client.get("/downloads/archive/1999-01-01_00-00-00/").status_code == 404


def test_publishing_to_a_storage_that_is_not_configured_is_a_usage_error(build, settings):
    settings.CALACCESS_WEBSITE_BUILD_DIR = str(build)
    settings.CALACCESS_WEBSITE_STORAGE = "nowhere"
    with pytest.raises(CommandError, match="CALACCESS_WEBSITE_STORAGE names 'nowhere'") as raised:
        run("publishcalaccesswebsite")
    assert raised.value.returncode == 2


def serve(folder: Path) -> tuple[ThreadingHTTPServer, str]:
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def test_headless_chromium_shows_the_latest_release_and_a_table_page(build, tmp_path):
    from selenium.webdriver.common.by import By

    server, url = serve(build)
    try:
        with headless_chromium(tmp_path / "profile") as browser:
            browser.get(url + "/downloads/")
            assert browser.title.startswith("Latest release")
            rows = browser.find_elements(By.CSS_SELECTOR, "table.files tbody tr")
            assert len(rows) == 5  # raw, clean, error logs, processed relational and flat
            assert browser.find_element(By.ID, "errata").is_displayed()
            browser.save_screenshot(str(screenshot_dir() / "website-latest.png"))
            browser.get(url + "/docs/tables/RCPT_CD/")
            assert browser.find_element(By.TAG_NAME, "h1").text == "RCPT_CD"
            assert browser.find_element(By.ID, "TRAN_TYPE").is_displayed()
            css = browser.execute_script(
                "return getComputedStyle(document.querySelector('main')).maxWidth"
            )
            assert css != ""
            browser.save_screenshot(str(screenshot_dir() / "website-table.png"))
    finally:
        server.shutdown()


def test_updatedownloadwebsite_runs_the_job_links_bakes_and_publishes(
    build, tmp_path, settings, admin_client
):
    with LocalHTTPServer() as server:
        server.add("/dbwebexport.zip", export_bytes())
        settings.CALACCESS_DOWNLOAD_URL = server.url + "/dbwebexport.zip"
        settings.CALACCESS_WEBSITE_BUILD_DIR = str(build)
        settings.STORAGES = {
            **settings.STORAGES,
            "website": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(tmp_path / "published")},
            },
        }
        # The captured site names two 2001 special elections whose date no source gives: the
        # processing, and so the job, ends partial (exit 3) naming them, after linking, baking
        # and publishing everything else.
        with pytest.raises(CommandError, match=r"\(ASSEMBLY 65\)") as undated:
            run("updatedownloadwebsite", "--noinput", "--skip-scrape", "--publish")
        assert undated.value.returncode == 3
        assert "up to date" in run("bakecalaccesswebsite", "--check")
        published = tmp_path / "published" / "latest" / "dbwebexport.zip"
        assert published.read_bytes() == export_bytes()
        # The state's server fails: the job still links, bakes and publishes, and ends partial.
        settings.CALACCESS_DOWNLOAD_URL = server.url + "/missing.zip"
        with pytest.raises(CommandError, match="update_calaccess") as raised:
            run("updatedownloadwebsite", "--noinput", "--skip-scrape", "--publish")
    assert raised.value.returncode == 3
    statuses = dict(
        CommandLog.objects.filter(command__name__in=["bake_website", "publish_website"])
        .order_by("pk")
        .values_list("command__name", "status")
    )
    assert statuses == {"bake_website": CommandLog.SUCCESS, "publish_website": CommandLog.SUCCESS}
    assert (build / "latest").resolve().name == release_stamp(latest_release())
    job = CommandLog.objects.filter(command__name="update_download_website").latest("pk")
    assert job.status == CommandLog.FAILURE and "update_calaccess" in job.error_message
    staff_page = admin_client.get("/commander/").content.decode()
    assert "update_download_website" in staff_page
