"""The search index's table, and the database's own full-text index over its ``text``."""

from django.db import migrations, models


def create_full_text_index(apps, schema_editor):
    from calaccess_web.search.backends import backend_for

    for sql in backend_for(schema_editor.connection).create_sql:
        schema_editor.execute(sql)


def drop_full_text_index(apps, schema_editor):
    from calaccess_web.search.backends import backend_for

    for sql in backend_for(schema_editor.connection).drop_sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("committee", "Committee"), ("filer", "Filer"), ("candidate", "Candidate"), ("measure", "Measure")], db_index=True, max_length=20)),
                ("key", models.CharField(help_text="The page's id: filer id, OCD id or slug.", max_length=200)),
                ("name", models.CharField(max_length=300)),
                ("name_upper", models.CharField(db_index=True, help_text="Upper-cased name: the prefix search's index.", max_length=300)),
                ("filer_id", models.CharField(blank=True, db_index=True, max_length=30)),
                (
                    "filer_internal_id",
                    models.IntegerField(
                        blank=True,
                        help_text="A filer's numeric id (FILER_XREF_CD), which its filings and totals are indexed by.",
                        null=True,
                    ),
                ),
                ("filer_type", models.CharField(blank=True, db_index=True, max_length=60)),
                ("party", models.CharField(blank=True, db_index=True, max_length=100)),
                ("office", models.CharField(blank=True, db_index=True, max_length=200)),
                ("election_year", models.IntegerField(blank=True, db_index=True, null=True)),
                ("status", models.CharField(blank=True, db_index=True, max_length=20)),
                ("url", models.CharField(max_length=300)),
                ("text", models.TextField(help_text="What the full-text index reads: names and ids.")),
            ],
            options={
                "verbose_name_plural": "search entries",
                "ordering": ("name_upper", "id"),
                "constraints": [models.UniqueConstraint(fields=("kind", "key"), name="search_entry_key")],
            },
        ),
        migrations.RunPython(create_full_text_index, drop_full_text_index, atomic=False),
    ]
