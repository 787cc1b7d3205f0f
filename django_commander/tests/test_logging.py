import json

import pytest
from django.utils import timezone

from django_commander.current import current_log, reset_current_log, set_current_log
from django_commander.models import Command, CommandLog
from django_commander.tests.example_app.models import Widget

pytestmark = pytest.mark.django_db


def test_success_is_logged(example_commands):
    assert example_commands["basic_echo"]("ok", times=1).run() == "ok"
    log = CommandLog.objects.get()
    assert log.status == CommandLog.SUCCESS
    assert log.command.name == "basic_echo"
    assert log.command.parameter_values == {"word": "ok"}
    assert json.loads(log.options)["times"] == 1
    assert log.end_time >= log.start_time
    assert log.duration is not None
    assert log.error_class == ""
    assert current_log() is None


def test_failure_is_logged_and_re_raised(example_commands):
    with pytest.raises(ValueError, match="always fails"):
        example_commands["basic_fail"]().run()
    log = CommandLog.objects.get()
    assert log.status == CommandLog.FAILURE
    assert log.error_class == "builtins.ValueError"
    assert log.error_message == "this command always fails"
    assert "Traceback" in log.traceback and "always fails" in log.traceback
    assert log.end_time is not None


def test_each_attempt_is_one_row_of_one_command(example_commands):
    for _ in range(3):
        example_commands["basic_echo"]("same").run()
    assert Command.objects.count() == 1
    assert CommandLog.objects.count() == 3


def test_super_run_inside_a_command_is_not_logged_twice(example_commands, tmp_path):
    example_commands["flaky_pipeline"](str(tmp_path / "absent")).run()
    assert CommandLog.objects.filter(command__name="flaky_pipeline").count() == 1


def test_command_class_rebuilds_a_command_from_the_log(example_commands):
    example_commands["basic_echo"]("again").run()
    logged = Command.objects.get(name="basic_echo")
    assert logged.command_class is example_commands["basic_echo"]
    assert logged.build(times=3).run() == "againagainagain"


def test_saved_rows_link_to_the_runs_that_created_or_changed_them(example_commands):
    widget_id = example_commands["make_widget"]("gear", size=3).run()
    example_commands["make_widget"]("gear", size=5).run()
    widget = Widget.objects.get(pk=widget_id)
    assert widget.size == 5
    logs = list(widget.command_logs.order_by("start_time"))
    assert [json.loads(log.options)["size"] for log in logs] == [3, 5]
    assert [c.name for c in widget.commands] == ["make_widget"]


def test_bulk_rows_can_be_linked_to_the_current_run(example_commands):
    widgets = Widget.objects.bulk_create([Widget(name="a"), Widget(name="b")])
    Widget.link_to_current_run(widgets)  # outside a run: nothing to link
    assert not Widget.command_logs.through.objects.exists()
    command = Command.objects.create(name="bulk", parameters="{}", parameters_hash="0")
    log = CommandLog.objects.create(command=command, start_time=timezone.now())
    token = set_current_log(log)
    try:
        Widget.link_to_current_run(widgets)
    finally:
        reset_current_log(token)
    assert set(log.commander_example_widget_rows.values_list("name", flat=True)) == {"a", "b"}


def test_programmatic_runs_return_the_commands_value(example_commands):
    assert example_commands["nested_count_widgets"]().run() == 0
    example_commands["make_widget"]("cog").run()
    assert example_commands["nested_count_widgets"]().run() == 1


def test_bulk_writers_record_the_run_in_a_plain_column_in_one_insert(example_commands):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from django_commander.tests.example_app.models import Reading

    with CaptureQueriesContext(connection) as queries:
        assert example_commands["bulk_readings"](50).run() == 50
    log = CommandLog.objects.get(command__name="bulk_readings")
    assert set(Reading.objects.values_list("run_id", flat=True)) == {log.pk}
    inserts = [q["sql"] for q in queries.captured_queries if "example_reading" in q["sql"]]
    assert len(inserts) == 1, "one bulk INSERT, no row per reading"
