import os

import pytest

pytestmark = pytest.mark.django_db


def test_download_iterate_parses_every_item_and_cleans_up(example_commands):
    assert example_commands["download_iterate"](4).run() == 0 + 1 + 4 + 9


def test_iterate_download_downloads_each_item(example_commands):
    assert example_commands["iterate_download"]().run() == {"a": "<a>", "b": "<b>", "c": "<c>"}


def test_multiprocessed_download_iterate_uses_worker_processes(example_commands):
    result = example_commands["parallel_squares"](num_cores=2).run()
    assert result["squares"] == [n * n for n in range(20)]
    assert os.getpid() not in result["pids"]
    assert 1 <= len(set(result["pids"])) <= 2


def test_multiprocessed_iterate_download_uses_worker_processes(example_commands):
    result = example_commands["parallel_pages"](num_cores=2).run()
    assert [text for text, _ in result] == [f"PAGE {n}" for n in range(8)]
    assert os.getpid() not in {pid for _, pid in result}


def test_one_core_runs_in_this_process(example_commands):
    result = example_commands["parallel_squares"](num_cores=1).run()
    assert set(result["pids"]) == {os.getpid()}


def test_num_cores_is_a_shell_option(example_commands):
    parser = example_commands["parallel_squares"].argument_parser()
    assert parser.parse_args(["--num-cores", "2"]).num_cores == 2
