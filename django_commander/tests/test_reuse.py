"""Running the same command object twice is two runs, each logged and checked."""

import pytest

from django_commander.errors import DependencyMissing
from django_commander.models import CommandLog

pytestmark = pytest.mark.django_db


def test_a_second_run_of_the_same_object_is_logged_again(example_commands):
    echo = example_commands["basic_echo"]("twice", times=1)
    assert echo.run() == "twice"
    first = echo.run_log
    assert echo.run() == "twice"
    assert echo.run_log.pk != first.pk
    assert CommandLog.objects.filter(command__name="basic_echo", status="success").count() == 2


def test_a_second_run_of_the_same_object_checks_its_dependencies_again(example_commands):
    example_commands["basic_echo"]("y").run()
    needs = example_commands["needs_echo"]("y")
    assert needs.run() == "after echo y"
    CommandLog.objects.filter(command__name="basic_echo").delete()
    with pytest.raises(DependencyMissing, match="needs_echo depends on basic_echo"):
        needs.run()
    assert CommandLog.objects.filter(command__name="needs_echo").count() == 1
