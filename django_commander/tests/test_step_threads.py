"""Concurrent steps keep their thread's database connection from one step to the next.

``connection_pipeline`` runs ``step_connection`` steps that note the thread they ran in and the
server's id of their connection's session (PostgreSQL's backend pid, MySQL's connection id),
then leave the connection clean or as a faulty step would. Concurrent steps run in threads only
on a database server (on SQLite, in order, in the pipeline's thread: see ``test_concurrent_steps``),
so these tests are about PostgreSQL and MySQL/MariaDB.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from django.db import connection

from django_commander.errors import StepsFailed

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite", reason="SQLite's command log runs the steps in order"
    ),
]

#: The server's id of the session a connection holds.
SESSION_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
#: Which of a list of session ids the server still has open.
OPEN_SESSIONS = {
    "postgresql": "SELECT pid FROM pg_stat_activity WHERE pid = ANY(%s)",
    "mysql": "SELECT ID FROM information_schema.PROCESSLIST WHERE ID IN %s",
}


def run(example_commands, settings, folder: Path, slots: int, *leaves: str) -> list[dict]:
    """Run the pipeline with ``slots`` step threads; each step's thread and session, in order."""
    settings.DJANGO_COMMANDER_PARALLEL_STEPS = slots
    example_commands["connection_pipeline"](str(folder), " ".join(leaves)).run()
    return noted(folder, len(leaves))


def noted(folder: Path, steps: int) -> list[dict]:
    return [json.loads((folder / f"{index}.json").read_text()) for index in range(steps)]


def session_of_this_thread() -> int:
    with connection.cursor() as cursor:
        cursor.execute(SESSION_ID[connection.vendor])
        return cursor.fetchone()[0]


def open_sessions(sessions: set[int], seconds: float = 5.0) -> set[int]:
    """Which of ``sessions`` the server still has, once a closed one had time to go away (a
    closed connection's server process ends a moment after the client leaves)."""
    deadline = time.monotonic() + seconds
    while True:
        with connection.cursor() as cursor:
            cursor.execute(OPEN_SESSIONS[connection.vendor], [list(sessions)])
            still = {row[0] for row in cursor.fetchall()}
        if not still or time.monotonic() > deadline:
            return still
        time.sleep(0.05)


def test_the_step_threads_reuse_their_connections_and_close_them_at_the_end(
    example_commands, settings, tmp_path
):
    steps = run(example_commands, settings, tmp_path, 2, *["clean"] * 8)
    threads = {step["thread"] for step in steps}
    assert all(name.startswith("connection_pipeline") for name in threads), threads
    assert 1 <= len(threads) <= 2, "at most one thread per parallel slot"
    for thread in threads:
        own = {step["session"] for step in steps if step["thread"] == thread}
        assert len(own) == 1, f"{thread}'s steps had the sessions {own}: one expected"
    sessions = {step["session"] for step in steps}
    assert len(sessions) == len(threads) < len(steps)
    assert session_of_this_thread() not in sessions, "the steps ran in their own threads"
    assert open_sessions(sessions) == set(), "a step thread's connection outlived the pipeline"


@pytest.mark.parametrize(
    "leave",
    [
        "broken",
        "atomic",
    ],
)
def test_a_connection_a_step_left_unusable_is_replaced_for_the_next_step(
    example_commands, settings, tmp_path, leave
):
    # One step thread: the steps run one after the other in it, in the order yielded.
    steps = run(example_commands, settings, tmp_path, 1, "clean", leave, "clean", "clean")
    _assert_replaced_after_the_second(steps)


def test_a_step_that_left_autocommit_off_fails_alone_and_the_next_gets_a_new_connection(
    example_commands, settings, tmp_path
):
    # The step's own log refuses a connection out of autocommit: that step fails, the others not.
    settings.DJANGO_COMMANDER_PARALLEL_STEPS = 1
    pipeline = example_commands["connection_pipeline"]
    with pytest.raises(StepsFailed, match="1 step\\(s\\) failed") as failure:
        pipeline(str(tmp_path), "clean transaction clean clean").run()
    assert f"step_connection {tmp_path} 1" in str(failure.value)
    assert "manual transaction management" in str(failure.value)
    _assert_replaced_after_the_second(noted(tmp_path, 4))


def _assert_replaced_after_the_second(steps: list[dict]) -> None:
    """The second of four steps on one thread left its connection unusable: the first two
    shared a session, the last two a new one, and none is left open."""
    assert len({step["thread"] for step in steps}) == 1
    assert all(step["in_transaction"] for step in steps), "a step's atomic block ran in autocommit"
    first, faulty, after, last = (step["session"] for step in steps)
    assert faulty == first, "the faulty step reused the clean connection of the step before"
    assert after != faulty, "the step after the faulty one reused its connection"
    assert last == after, "the new connection was kept for the next step"
    assert open_sessions({first, after}) == set()
