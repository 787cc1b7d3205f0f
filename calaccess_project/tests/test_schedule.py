"""The nightly schedule: Celery beat's entry sends the job's task to a real Redis broker.

The test gives the project's Celery app a Redis database of its own (``CALACCESS_TEST_REDIS_URL``,
default database 11 on 127.0.0.1), has beat's scheduler apply the ``nightly-update`` entry as it
does when the entry is due, and reads the message off the broker's queue.
"""

from __future__ import annotations

import base64
import json
import os

import pytest
from django.conf import settings

pytest.importorskip("celery")

REDIS_URL = os.environ.get("CALACCESS_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")


@pytest.fixture
def broker():
    import redis

    from calaccess_project.celery import app

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    previous = app.conf.broker_url
    app.conf.broker_url = REDIS_URL
    try:
        yield app, client
    finally:
        app.conf.broker_url = previous
        client.flushdb()
        app.pool.force_close_all()


def test_the_beat_schedule_holds_the_nightly_job_at_the_declared_time():
    from calaccess_job.schedule import nightly_schedule

    entry = settings.CELERY_BEAT_SCHEDULE["nightly-update"]
    assert entry["task"] == "django_commander.run_command"
    assert entry["args"] == ("update_download_website",)
    assert entry["schedule"].hour == {13} and entry["schedule"].minute == {0}
    assert nightly_schedule("30 4 * * 1")["nightly-update"]["schedule"].day_of_week == {1}


def test_a_malformed_schedule_is_a_setting_error():
    from calaccess_job.schedule import nightly_schedule
    from calaccess_toolkit.conf import SettingError

    with pytest.raises(SettingError, match="CALACCESS_NIGHTLY_SCHEDULE"):
        nightly_schedule("every night")
    with pytest.raises(SettingError, match="CALACCESS_NIGHTLY_SCHEDULE"):
        nightly_schedule("0 25 * * *")


def test_beat_sends_the_jobs_task_to_the_broker(broker):
    from celery.beat import Scheduler

    app, client = broker
    scheduler = Scheduler(app=app, lazy=True)
    scheduler.setup_schedule()
    entry = scheduler.schedule["nightly-update"]
    # A connection of the test's own: the app's producer pool may already be bound to the
    # broker an earlier test used.
    with (
        app.connection_for_write(REDIS_URL) as connection,
        app.amqp.Producer(connection) as producer,
    ):
        scheduler.apply_entry(entry, producer=producer)
    queued = client.lrange("celery", 0, -1)
    assert len(queued) == 1
    message = json.loads(queued[0])
    assert message["headers"]["task"] == "django_commander.run_command"
    args, kwargs, _embed = json.loads(base64.b64decode(message["body"]))
    assert args == ["update_download_website"]
    assert kwargs == {"options": {"publish": True, "noinput": True}}
