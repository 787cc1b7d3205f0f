"""The types a setting can have: how each reads an environment variable and checks a value.

A type turns the text of an environment variable into a value (``parse``) and checks a value
given in Django's settings (``check``, which also accepts the text an environment would give).
Both raise ``ValueError`` on a bad value; :class:`calaccess_toolkit.conf.Setting` turns that into
one line naming the setting and the type's ``expects``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


class SettingType(Generic[T]):
    """Base of every setting type: ``expects`` completes "NAME must be …"."""

    @property
    def expects(self) -> str:
        return "text"

    def parse(self, text: str) -> T:
        raise NotImplementedError

    def check(self, value: Any) -> T:
        """A value from Django's settings: text is parsed as the environment's would be."""
        if isinstance(value, str):
            return self.parse(value)
        return self.check_value(value)

    def check_value(self, value: Any) -> T:
        raise ValueError(f"not {type(value).__name__}")

    def show(self, text: str) -> str:
        """How a bad value appears in the error line."""
        return repr(text)


class Text(SettingType[str]):
    def parse(self, text: str) -> str:
        return text


class Boolean(SettingType[bool]):
    @property
    def expects(self) -> str:
        return "one of 1, true, yes, on, 0, false, no, off"

    def parse(self, text: str) -> bool:
        word = text.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(text)

    def check_value(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        raise ValueError(value)


@dataclass(frozen=True)
class Integer(SettingType[int]):
    minimum: int = 0

    @property
    def expects(self) -> str:
        return f"a whole number of {self.minimum} or more"

    def parse(self, text: str) -> int:
        return self.check_value(int(text.strip()))

    def check_value(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise ValueError(value)
        return value


@dataclass(frozen=True)
class Number(SettingType[float]):
    minimum: float = 0

    @property
    def expects(self) -> str:
        return f"a number of {self.minimum:g} or more"

    def parse(self, text: str) -> float:
        return self.check_value(float(text.strip()))

    def check_value(self, value: Any) -> float:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not value >= self.minimum:  # NaN is not >= anything
            raise ValueError(value)
        return float(value)


@dataclass(frozen=True)
class Choice(SettingType[str]):
    """One word of a fixed list, in any case; the value is the list's spelling."""

    choices: tuple[str, ...]

    @property
    def expects(self) -> str:
        return "one of " + ", ".join(self.choices)

    def parse(self, text: str) -> str:
        for choice in self.choices:
            if text.strip().lower() == choice.lower():
                return choice
        raise ValueError(text)


@dataclass(frozen=True)
class TextList(SettingType[list[str]]):
    """Several texts; in the environment, separated by ``separator`` (blanks are dropped)."""

    separator: str = ","

    @property
    def expects(self) -> str:
        return f"a list of texts separated by {self.separator!r}"

    def parse(self, text: str) -> list[str]:
        return [part for part in (p.strip() for p in text.split(self.separator)) if part]

    def check_value(self, value: Any) -> list[str]:
        if isinstance(value, Sequence) and all(isinstance(item, str) for item in value):
            return list(value)
        raise ValueError(value)


TEXT = Text()
BOOLEAN = Boolean()
WHOLE_NUMBER = Integer(minimum=0)
NUMBER = Number(minimum=0)
FOLDERS = TextList(separator=os.pathsep)
COMMA_LIST = TextList(separator=",")
