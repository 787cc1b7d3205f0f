"""Steps of the processed app; :class:`CountedLoadCommand` is the shape several OCD steps share."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from django_commander.base import BasicCommand


class CountedLoadCommand(BasicCommand):
    """A step that fills one kind of row with a library loader (``--flush`` empties it first)
    and reports how many it holds: subclasses declare the loader, the flush help and the noun."""

    abstract = True
    #: The library function that loads the rows and returns their count.
    load: ClassVar[Callable[..., int]]
    flush_help: ClassVar[str] = ""
    #: What the count counts, as the report prints it (e.g. "retention contest(s)").
    counted: ClassVar[str] = ""

    @classmethod
    def add_arguments(cls, parser):
        parser.add_argument("--flush", action="store_true", help=cls.flush_help)

    def run(self) -> int:
        count = type(self).load(flush=self.options["flush"])
        self.say(f"{count} {self.counted}.")
        return count
