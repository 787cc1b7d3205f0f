"""The run log outlives the caller's transaction, and the step's own error reaches the caller.

Real transactions on whichever database runs the suite (CI: SQLite, PostgreSQL, MariaDB), so the
tests are transactional: the log rows are committed for real, then flushed with the tables.
"""

import pytest
from django.db import DatabaseError, connection, transaction

from django_commander import log_connection
from django_commander.models import CommandLog
from django_commander.recorder import NOT_COMMITTED_CLASS
from django_commander.tests.example_app.models import Widget

pytestmark = pytest.mark.django_db(transaction=True)


def logged(name: str) -> CommandLog:
    log_connection.flush()
    return CommandLog.objects.get(command__name=name)


def test_a_failed_step_keeps_its_log_row_when_the_callers_transaction_rolls_back(
    example_commands,
):
    with pytest.raises(ValueError, match="always fails"), transaction.atomic():
        Widget.objects.create(name="rolled back")  # the caller holds a write transaction
        example_commands["basic_fail"]().run()
    assert not Widget.objects.exists()
    log = logged("basic_fail")
    assert log.status == CommandLog.FAILURE
    assert log.error_class == "builtins.ValueError"
    assert log.error_message == "this command always fails"
    assert log.end_time is not None and "Traceback" in log.traceback
    assert log_connection.pending() == 0


def test_the_running_row_is_visible_to_others_while_the_step_runs_in_a_transaction(
    example_commands,
):
    with transaction.atomic():
        status = example_commands["log_own_status"]().run()
    assert status == CommandLog.RUNNING
    assert logged("log_own_status").status == CommandLog.SUCCESS


def test_a_step_that_breaks_the_callers_transaction_raises_its_own_error(example_commands):
    with pytest.raises(DatabaseError) as raised, transaction.atomic():
        example_commands["log_broken_query"]().run()
    assert "no_such_table_anywhere" in str(raised.value)
    log = logged("log_broken_query")
    assert log.status == CommandLog.FAILURE
    assert "no_such_table_anywhere" in log.error_message
    assert log.error_class.endswith(type(raised.value).__name__)


def test_a_success_inside_a_rolled_back_transaction_is_not_recorded_as_a_success(
    example_commands,
):
    with pytest.raises(RuntimeError, match="caller changed its mind"), transaction.atomic():
        assert example_commands["basic_echo"]("undone").run() == "undoneundone"
        raise RuntimeError("caller changed its mind")
    log = logged("basic_echo")
    assert (log.status, log.error_class) == (CommandLog.FAILURE, NOT_COMMITTED_CLASS)
    assert example_commands["needs_echo"]("undone").unmet_dependencies() == [
        ("basic_echo", {"word": "undone"})
    ]


def test_a_success_inside_a_committed_transaction_is_a_success(example_commands):
    with transaction.atomic():
        Widget.objects.create(name="kept")
        example_commands["basic_echo"]("kept").run()
    log = logged("basic_echo")
    assert (log.status, log.error_class) == (CommandLog.SUCCESS, "")
    assert example_commands["needs_echo"]("kept").run() == "after echo kept"


def test_outside_any_transaction_the_log_is_written_on_the_callers_connection(
    example_commands,
):
    example_commands["basic_echo"]("plain").run()
    assert not log_connection.caller_in_transaction(connection.alias)
    assert logged("basic_echo").status == CommandLog.SUCCESS


def test_rows_a_step_saves_inside_the_callers_transaction_link_to_its_closed_run(
    example_commands,
):
    # On MySQL/MariaDB the link row's foreign-key check would lock the run's row against its
    # closing UPDATE (made on the side connection): the close waited 50 s, then failed.
    with transaction.atomic():
        pk = example_commands["make_widget"]("linked").run()
    log = logged("make_widget")
    assert (log.status, log.error_class) == (CommandLog.SUCCESS, "")
    assert list(Widget.objects.get(pk=pk).command_logs.all()) == [log]


def test_at_exit_the_writes_other_threads_buffered_are_made(example_commands):
    # On SQLite a run inside a transaction that has written has its log rows buffered; the
    # thread ends without flushing them, so only the exit's flush is left to make them.
    def in_thread() -> None:
        try:
            with transaction.atomic():
                Widget.objects.create(name="held")  # holds SQLite's write lock
                example_commands["basic_echo"]("threaded").run()
        finally:
            connection.close()

    import threading

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    log_connection.flush_at_exit()
    assert log_connection.pending() == 0
    assert logged("basic_echo").status == CommandLog.SUCCESS
