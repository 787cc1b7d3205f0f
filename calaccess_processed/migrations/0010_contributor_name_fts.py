"""SQLite: an FTS5 trigram index of the contributors' names for the contribution search's name
filter (:mod:`calaccess_processed.name_index`), filled from the items already processed.

PostgreSQL has its trigram indexes (0009); MySQL/MariaDB have none (the filter's LIKE scans).
"""

from django.db import migrations


def create_index(apps, schema_editor) -> None:
    from calaccess_processed.name_index import backend_for

    backend = backend_for(schema_editor.connection)
    for sql in (*backend.create_sql(), *backend.rebuild_sql()):
        schema_editor.execute(sql)


def drop_index(apps, schema_editor) -> None:
    from calaccess_processed.name_index import backend_for

    for sql in backend_for(schema_editor.connection).drop_sql():
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("calaccess_processed", "0009_contributor_name_trigram_indexes"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
