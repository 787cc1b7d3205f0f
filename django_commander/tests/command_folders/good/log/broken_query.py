from django.db import connection

from django_commander.base import BasicCommand


class BrokenQuery(BasicCommand):
    """Send the database a query it rejects (which breaks a PostgreSQL transaction)."""

    def run(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_anywhere")
