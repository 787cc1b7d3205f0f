"""Migrations hold only what the database needs: no documentation, and nothing pending."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from calaccess_raw.models import RcptCd

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


@pytest.mark.django_db
def test_makemigrations_check_is_clean():
    out = StringIO()
    call_command("makemigrations", "calaccess_raw", check=True, dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.parametrize("word", ["help_text", "choices", "db_comment"])
def test_no_documentation_in_any_migration(word):
    for migration in MIGRATIONS.glob("0*.py"):
        assert word not in migration.read_text(), migration.name


def test_no_verbose_names_but_djangos_own_id_label():
    for migration in MIGRATIONS.glob("0*.py"):
        text = migration.read_text().replace("verbose_name='ID'", "")
        assert "verbose_name" not in text, migration.name


def test_the_raw_tables_migration_creates_every_table():
    text = (MIGRATIONS / "0002_raw_tables.py").read_text()
    assert text.count("migrations.CreateModel(") == 80
    assert "'db_table': 'RCPT_CD'" in text
    assert "db_column='AMOUNT'" in text


def test_fields_deconstruct_as_plain_django_fields_without_documentation():
    name, path, args, kwargs = RcptCd._meta.get_field("office_cd").deconstruct()
    assert path == "django.db.models.CharField"
    assert kwargs["db_column"] == "OFFICE_CD"
    assert not {"help_text", "verbose_name", "choices"} & set(kwargs)
    assert RcptCd._meta.get_field("office_cd").choices  # still on the model itself
