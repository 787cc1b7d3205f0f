"""The settings accessor: declared defaults, values parsed to their type, one-line errors."""

import pytest

from calaccess_toolkit import conf
from calaccess_toolkit.databases import DATABASE_URL
from calaccess_toolkit.extras import Extra, MissingExtra, Unavailable
from calaccess_toolkit.settings import HTTP_RETRIES
from calaccess_toolkit.settingtypes import BOOLEAN, FOLDERS, NUMBER, WHOLE_NUMBER


def test_a_setting_missing_from_django_settings_has_its_declared_default(settings):
    del settings.CALACCESS_HTTP_RETRIES
    del settings.CALACCESS_WEBSITE_URL
    assert conf.get("CALACCESS_HTTP_RETRIES") == 4
    assert conf.get("CALACCESS_WEBSITE_URL") == "https://cal-access.sos.ca.gov"


def test_the_data_folder_defaults_to_data_in_the_current_folder(settings, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    del settings.CALACCESS_DATA_DIR
    assert conf.get("CALACCESS_DATA_DIR") == str(tmp_path / "data")
    assert conf.get("DJANGO_COMMANDER_CACHE_DIR") == str(tmp_path / "data" / ".commander_cache")
    assert conf.data_dir("csv", "A.csv") == tmp_path / "data" / "csv" / "A.csv"
    assert (tmp_path / "data" / "csv").is_dir()


@pytest.mark.parametrize(
    ("name", "given", "value"),
    [
        ("CALACCESS_HTTP_RETRIES", "7", 7),
        ("CALACCESS_HTTP_RETRIES", 0, 0),
        ("CALACCESS_SCRAPER_RATE", 0, 0.0),
        ("CALACCESS_HTTP_TIMEOUT", " 2.5 ", 2.5),
        ("CALACCESS_STORE_ARCHIVE", "Yes", True),
        ("CALACCESS_STORE_ARCHIVE", "off", False),
        ("DJANGO_COMMANDER_COMMAND_FOLDERS", "/a:/b:", ["/a", "/b"]),
    ],
)
def test_values_in_django_settings_are_read_as_their_type(settings, name, given, value):
    setattr(settings, name, given)
    assert conf.get(name) == value
    assert type(conf.get(name)) is type(value)


@pytest.mark.parametrize(
    ("name", "given", "message"),
    [
        ("CALACCESS_HTTP_RETRIES", "abc", "must be a whole number of 0 or more, not 'abc'"),
        ("CALACCESS_HTTP_RETRIES", -1, "must be a whole number of 0 or more, not -1"),
        ("CALACCESS_HTTP_RETRIES", 2.5, "must be a whole number of 0 or more, not 2.5"),
        ("CALACCESS_SCRAPER_RATE", "fast", "must be a number of 0 or more, not 'fast'"),
        ("CALACCESS_SCRAPER_RATE", "nan", "must be a number of 0 or more, not 'nan'"),
        (
            "CALACCESS_STORE_ARCHIVE",
            "maybe",
            "must be one of 1, true, yes, on, 0, false, no, off, not 'maybe'",
        ),
    ],
)
def test_a_malformed_value_is_one_line_naming_the_setting(settings, name, given, message):
    setattr(settings, name, given)
    with pytest.raises(conf.SettingError) as raised:
        conf.get(name)
    assert str(raised.value) == f"{name} {message}"
    assert raised.value.exit_code == 2


def test_the_typed_accessor_reads_the_same_value(settings):
    settings.CALACCESS_HTTP_RETRIES = "3"
    assert HTTP_RETRIES.get() == 3


def test_an_undeclared_name_is_refused():
    with pytest.raises(LookupError, match="CALACCESS_NO_SUCH_SETTING is not a setting"):
        conf.get("CALACCESS_NO_SUCH_SETTING")


def test_a_name_is_declared_by_one_app_only():
    with pytest.raises(ValueError, match="CALACCESS_HTTP_RETRIES is declared by both"):
        conf.declare("another_app", conf.Setting("CALACCESS_HTTP_RETRIES", 1, "", WHOLE_NUMBER))


def test_the_environment_fills_what_it_sets_and_the_fixed_defaults():
    folders = conf.Setting("TEST_FOLDERS", [], "", FOLDERS)
    rate = conf.Setting("TEST_RATE", 1.0, "", NUMBER)
    flag = conf.Setting("TEST_FLAG", None, "", BOOLEAN, default_factory=lambda: True)
    values = conf.from_environment([folders, rate, flag], {"TEST_FOLDERS": "x:y", "TEST_RATE": ""})
    assert values == {"TEST_FOLDERS": ["x", "y"], "TEST_RATE": 1.0}


def test_a_data_folder_that_cannot_be_created_is_a_setting_error(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.CALACCESS_DATA_DIR = str(blocker / "data")
    with pytest.raises(conf.SettingError) as raised:
        conf.data_dir("download", "dbwebexport.zip")
    assert str(raised.value) == (
        f"CALACCESS_DATA_DIR must be a folder that can be created, not "
        f"'{blocker / 'data' / 'download'}' (Not a directory)"
    )


def test_database_urls_are_read_with_the_loaders_options():
    mysql = DATABASE_URL.parse("mysql://root@127.0.0.1:3306/calaccess")
    assert mysql["OPTIONS"] == {"local_infile": True, "charset": "utf8mb4"}
    sqlite = DATABASE_URL.parse("sqlite:////tmp/calaccess.sqlite3")
    assert sqlite["TEST"]["NAME"] == "/tmp/calaccess.sqlite3.test"


@pytest.mark.parametrize("url", ["oracle://scott:tiger@db/orcl", "foo://scott:tiger@db/x"])
def test_a_database_the_toolkit_cannot_load_is_refused_without_its_password(url):
    setting = conf.Setting("TEST_DATABASE_URL", None, "", DATABASE_URL)
    with pytest.raises(conf.SettingError) as raised:
        setting.parse(url)
    scheme = url.split("://")[0]
    assert str(raised.value) == (
        f"TEST_DATABASE_URL must be a postgres://, mysql:// or sqlite:// URL, not '{scheme}://…'"
    )


def test_a_missing_extra_is_one_line_naming_what_to_install():
    extra = Extra("spreadsheets", "calaccess_no_such_package", "Exporting spreadsheets")
    assert not extra.installed()
    message = (
        "Exporting spreadsheets needs calaccess_no_such_package, which is not installed: "
        "pip install 'calaccess-toolkit[spreadsheets]'"
    )
    with pytest.raises(MissingExtra, match=r"^Exporting spreadsheets needs") as raised:
        extra.require()
    assert str(raised.value) == message
    stand_in = Unavailable(extra)
    with pytest.raises(MissingExtra) as raised:
        stand_in.delay("update_raw_data")
    assert str(raised.value) == message
    assert raised.value.exit_code == 2
