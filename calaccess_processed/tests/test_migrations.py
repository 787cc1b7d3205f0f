"""The processed migrations hold the derived models' schema and none of their documentation."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from calaccess_processed.models import PROCESSED_MODELS

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


@pytest.mark.django_db
def test_the_name_filter_has_trigram_indexes_on_postgresql_only():
    """Migration 0009: GIN trigram indexes on the contributor names where PostgreSQL has them
    (the test database's user may install pg_trgm); no other database gets an index by them."""
    table = PROCESSED_MODELS["Form460ScheduleAItem"]._meta.db_table
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    trigram = {"form460a_lastname_trgm", "form460a_firstname_trgm"}
    found = {name: info for name, info in constraints.items() if name in trigram}
    if connection.vendor == "postgresql":
        assert set(found) == trigram
        assert {info["type"] for info in found.values()} == {"gin"}
    else:
        assert found == {}
