"""The run log: which commands ran with which parameters, when, and how it ended."""

from .command import Command
from .command_log import CommandLog
from .logged import LoggedExtendedModel

__all__ = ["Command", "CommandLog", "LoggedExtendedModel"]
