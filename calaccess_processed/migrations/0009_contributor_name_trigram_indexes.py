"""PostgreSQL: trigram indexes for the contribution search's name filter.

The browser's ``name`` filter is a case-blind substring (``LOWER(column) LIKE '%word%'``), which
no B-tree serves: at 1,000,000 contributions, searching a name with a ZIP, amount and date range
read the 267,000 rows of the amount range (0.3 s). A GIN index of ``pg_trgm`` on the same
expression finds the name's rows directly (8 ms). ``pg_trgm`` ships with PostgreSQL and is a
trusted extension (13+), which a user with the ``CREATE`` privilege on the database may install.
A user without it (an application role with rights on its schema only) gets no indexes and a
warning naming the one statement a database owner runs (``CREATE EXTENSION pg_trgm``) before
``migrate calaccess_processed 0008`` and ``migrate`` again: the filter works without them, only
slower. Other databases have no such index; there the filter scans as before.
"""

import warnings

from django.db import migrations

#: Whether the extension is there, or this user may install it.
CAN_USE_TRIGRAMS = """
    SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')
        OR has_database_privilege(current_database(), 'CREATE')
"""

#: Index name → column of Form460ScheduleAItem, as ``calaccess_web``'s ``name`` filter reads it.
INDEXES = {
    "form460a_lastname_trgm": "contributor_lastname",
    "form460a_firstname_trgm": "contributor_firstname",
}


def _table(apps) -> str:
    return apps.get_model("calaccess_processed", "Form460ScheduleAItem")._meta.db_table


def create_indexes(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(CAN_USE_TRIGRAMS)
        (allowed,) = cursor.fetchone()
    if not allowed:
        warnings.warn(
            "No trigram indexes for the contribution search's name filter: this database user "
            "may not install the pg_trgm extension (ask the database owner to run "
            "CREATE EXTENSION pg_trgm, then migrate calaccess_processed 0008 and migrate again)",
            stacklevel=1,
        )
        return
    quote = schema_editor.quote_name
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX {quote(name)} ON {quote(_table(apps))}"
            f" USING gin ((LOWER({quote(column)}::text)) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("calaccess_processed", "0008_filer_contribution_groups"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
