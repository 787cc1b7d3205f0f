import io

from django_commander.progress import progress_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_draws_on_a_terminal():
    stream = Terminal()
    assert list(progress_bar(range(3), desc="counting", stream=stream)) == [0, 1, 2]
    assert "counting" in stream.getvalue()


def test_bar_is_silent_when_output_is_not_a_terminal():
    stream = io.StringIO()
    assert list(progress_bar(range(3), desc="counting", stream=stream)) == [0, 1, 2]
    assert stream.getvalue() == ""


def test_bar_is_silent_at_verbosity_zero():
    stream = Terminal()
    list(progress_bar(range(3), desc="counting", stream=stream, verbosity=0))
    assert stream.getvalue() == ""
