"""The ready-to-use project's settings: safe by default, read from the environment, and one line
(exit code 2, no traceback) for a malformed or missing value."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from calaccess_project import settings as project_settings_module
from calaccess_project.settings import LOCAL_SECRET_KEY
from calaccess_toolkit.conf import SettingError
from calaccess_toolkit.testing.fixtures import REPOSITORY_ROOT
from calaccess_toolkit.testing.subprocess import run_manage

README = (Path(REPOSITORY_ROOT) / "README.md").read_text(encoding="utf-8")
PROJECT_VARIABLES = re.compile(r"^(?:CALACCESS|DJANGO|DATABASE|CELERY)_")


@pytest.fixture
def environ(monkeypatch, tmp_path):
    """A clean environment for the settings: none of the project's variables but a data folder."""
    for name in list(os.environ):
        if PROJECT_VARIABLES.match(name) and name != "DJANGO_SETTINGS_MODULE":
            monkeypatch.delenv(name)
    monkeypatch.setenv("CALACCESS_DATA_DIR", str(tmp_path / "data"))
    return monkeypatch


SETTINGS_FILE = Path(project_settings_module.__file__)


def project_settings() -> dict:
    """The project's settings module run afresh, on the current environment."""
    namespace = {"__name__": "settings_probe", "__package__": "calaccess_project"}
    exec(compile(SETTINGS_FILE.read_text(), str(SETTINGS_FILE), "exec"), namespace)
    return namespace


def test_debug_is_off_and_a_secret_key_is_required_by_default(environ):
    with pytest.raises(SettingError) as raised:
        project_settings()
    assert str(raised.value) == (
        "DJANGO_SECRET_KEY must be set to a long random string "
        "(or, on your own machine only, set CALACCESS_LOCAL=1)"
    )
    environ.setenv("DJANGO_SECRET_KEY", "k" * 60)
    settings = project_settings()
    assert settings["DEBUG"] is False
    assert settings["SECRET_KEY"] == "k" * 60
    assert settings["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1"]
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
    assert "SECURE_PROXY_SSL_HEADER" not in settings


def test_local_mode_has_a_fixed_key_and_debug_only_when_asked_for(environ):
    environ.setenv("CALACCESS_LOCAL", "1")
    settings = project_settings()
    assert settings["SECRET_KEY"] == LOCAL_SECRET_KEY
    assert settings["DEBUG"] is False
    environ.setenv("DJANGO_DEBUG", "true")
    assert project_settings()["DEBUG"] is True


def test_https_turns_on_redirect_secure_cookies_and_hsts(environ):
    environ.setenv("DJANGO_SECRET_KEY", "k" * 60)
    environ.setenv("DJANGO_HTTPS", "1")
    environ.setenv("DJANGO_HSTS_SECONDS", "3600")
    environ.setenv("DJANGO_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    environ.setenv("DJANGO_ALLOWED_HOSTS", "calaccess.example.org, www.calaccess.example.org")
    environ.setenv("DJANGO_LOG_LEVEL", "warning")
    settings = project_settings()
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 3600
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_HSTS_PRELOAD"] is False
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert settings["ALLOWED_HOSTS"] == ["calaccess.example.org", "www.calaccess.example.org"]
    assert settings["LOGGING"]["loggers"]["calaccess"]["level"] == "WARNING"


def test_the_database_and_the_app_settings_come_from_the_environment(environ, tmp_path):
    environ.setenv("CALACCESS_LOCAL", "1")
    environ.setenv("DATABASE_URL", "mysql://root@127.0.0.1:3306/calaccess")
    environ.setenv("CALACCESS_RAW_DATABASE_URL", f"sqlite:///{tmp_path / 'raw.sqlite3'}")
    environ.setenv("CALACCESS_HTTP_RETRIES", "9")
    environ.setenv("DJANGO_COMMANDER_COMMAND_FOLDERS", "/x:/y")
    settings = project_settings()
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.mysql"
    assert settings["DATABASES"]["calaccess_raw"]["NAME"] == str(tmp_path / "raw.sqlite3")
    assert settings["CALACCESS_RAW_DATABASE"] == "calaccess_raw"
    assert settings["DATABASE_ROUTERS"] == ["calaccess_raw.routers.RawDataRouter"]
    assert settings["CALACCESS_HTTP_RETRIES"] == 9
    assert settings["DJANGO_COMMANDER_COMMAND_FOLDERS"] == ["/x", "/y"]
    assert settings["CALACCESS_DATA_DIR"] == str(tmp_path / "data")
    assert settings["DATABASES"]["default"]["NAME"] == "calaccess"


def test_the_default_database_is_sqlite_in_the_data_folder(environ, tmp_path):
    environ.setenv("CALACCESS_LOCAL", "1")
    default = project_settings()["DATABASES"]["default"]
    assert default["NAME"] == str(tmp_path / "data" / "calaccess.sqlite3")
    assert (tmp_path / "data").is_dir()


@pytest.fixture
def blocked_folder(tmp_path) -> Path:
    """A path whose parent is a file, so no folder can be created there."""
    (tmp_path / "a-file").write_text("not a folder")
    return tmp_path / "a-file" / "data"


MALFORMED = {
    "retries": (
        {"CALACCESS_HTTP_RETRIES": "abc"},
        "SettingError: CALACCESS_HTTP_RETRIES must be a whole number of 0 or more, not 'abc'",
    ),
    "rate": (
        {"CALACCESS_SCRAPER_RATE": "abc"},
        "SettingError: CALACCESS_SCRAPER_RATE must be a number of 0 or more, not 'abc'",
    ),
    "database scheme": (
        {"DATABASE_URL": "postgress://calaccess:s3cret@db.example.org/calaccess"},
        "SettingError: DATABASE_URL must be a postgres://, mysql:// or sqlite:// URL, "
        "not 'postgress://…'",
    ),
    "debug": (
        {"DJANGO_DEBUG": "maybe"},
        "SettingError: DJANGO_DEBUG must be one of 1, true, yes, on, 0, false, no, off, "
        "not 'maybe'",
    ),
    "log level": (
        {"DJANGO_LOG_LEVEL": "loud"},
        "SettingError: DJANGO_LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, "
        "not 'loud'",
    ),
    "no secret key": (
        {
            "DJANGO_SETTINGS_MODULE": "calaccess_project.settings",
            "CALACCESS_LOCAL": "",
            "DJANGO_SECRET_KEY": "",
        },
        "SettingError: DJANGO_SECRET_KEY must be set to a long random string "
        "(or, on your own machine only, set CALACCESS_LOCAL=1)",
    ),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_setting_is_one_line_and_exit_code_2(case):
    env, line = MALFORMED[case]
    result = run_manage("check", env=env, timeout=60)
    assert (result.returncode, result.stderr) == (2, line + "\n")
    assert "s3cret" not in result.stdout + result.stderr


def test_a_data_folder_that_cannot_be_created_is_one_line_and_exit_code_2(blocked_folder):
    result = run_manage("check", env={"CALACCESS_DATA_DIR": str(blocked_folder)}, timeout=60)
    assert result.returncode == 2
    assert result.stderr == (
        f"SettingError: CALACCESS_DATA_DIR must be a folder that can be created, "
        f"not '{blocked_folder}' (Not a directory)\n"
    )


def production_environment() -> dict[str, str]:
    """The variables of the README's "Production" block, with a fresh key for the placeholder."""
    production = README.split("\n## Production\n", 1)[1].split("\n## ", 1)[0]
    block = production.split("```\n", 2)[1]
    values = dict(line.split("=", 1) for line in block.splitlines())
    assert values["DJANGO_SECRET_KEY"].startswith("<")
    values["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    return values


def check_deploy(env: dict[str, str], data: Path) -> subprocess.CompletedProcess:
    """``manage.py check --deploy`` with the production settings and nothing else set."""
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "calaccess_project.settings",
            "CALACCESS_DATA_DIR": str(data),
            **env,
        },
        cwd=REPOSITORY_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_documented_production_settings(tmp_path):
    result = check_deploy(production_environment(), tmp_path / "data")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_check_deploy_fails_in_local_mode(tmp_path):
    result = check_deploy({"CALACCESS_LOCAL": "1"}, tmp_path / "data")
    assert result.returncode == 1
    for warning in ("W004", "W008", "W009", "W012", "W016"):
        assert f"(security.{warning})" in result.stderr
