"""The processed migrations hold the derived models' schema and none of their documentation."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


@pytest.mark.django_db
def test_makemigrations_check_is_clean():
    out = StringIO()
    call_command("makemigrations", "calaccess_processed", check=True, dry_run=True, stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.parametrize("word", ["help_text", "choices", "verbose_name="])
def test_no_documentation_in_any_migration(word):
    migrations = list(MIGRATIONS.glob("0*.py"))
    assert migrations
    for migration in migrations:
        # Django's own label of the surrogate key is the one verbose name allowed.
        text = migration.read_text().replace("verbose_name='ID'", "")
        assert word not in text, migration.name
