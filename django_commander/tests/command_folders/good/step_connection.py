import json
import threading
from pathlib import Path

from django.db import DatabaseError, connection, connections, transaction

from django_commander.base import BasicCommand

#: The server's id of the session a connection holds.
SESSION_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
#: How another session ends one, given its id.
END_SESSION = {
    "postgresql": "SELECT pg_terminate_backend(%s, 5000)",  # waits until it has ended
    "mysql": "KILL CONNECTION %s",
}


class StepConnection(BasicCommand):
    """Note in ``<folder>/<index>.json`` the thread this step ran in and the server's id of its
    database connection's session, then leave that connection as asked: ``clean``, or as a
    faulty step would, inside a ``transaction`` (autocommit off), inside an ``atomic`` block
    never left, or ``broken`` (its session ended by the server)."""

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("folder")
        parser.add_argument("index", type=int)
        parser.add_argument(
            "--leave", choices=("clean", "transaction", "atomic", "broken"), default="clean"
        )

    def run(self):
        # First an atomic block, before any query: a thread's kept connection must give this
        # step a real transaction, whatever the step before it left behind.
        with transaction.atomic(), connection.cursor() as cursor:
            in_transaction = not connection.get_autocommit()
            cursor.execute(SESSION_ID[connection.vendor])
            session = cursor.fetchone()[0]
        noted = {
            "thread": threading.current_thread().name,
            "session": session,
            "in_transaction": in_transaction,
        }
        folder = Path(self.parameters["folder"])
        (folder / f"{self.parameters['index']}.json").write_text(json.dumps(noted))
        leave = self.options["leave"]
        if leave == "transaction":
            transaction.set_autocommit(False)
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        elif leave == "atomic":
            transaction.atomic().__enter__()
        elif leave == "broken":
            self._end_session(session)
        return noted

    @staticmethod
    def _end_session(session):
        """End this connection's session from another one, then notice it on this one."""
        other = connections.create_connection(connection.alias)
        try:
            with other.cursor() as cursor:
                cursor.execute(END_SESSION[connection.vendor], [session])
        finally:
            other.close()
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            return
        raise AssertionError("the server did not end the session")
