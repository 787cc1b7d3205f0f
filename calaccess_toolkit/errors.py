"""The root of the toolkit's typed errors, and the exit codes they end a command with.

Errors are raised near their source with a one-line message that a user can act on. Each boundary
(management command, Celery task, web view) translates :class:`ToolkitError` into its own form once,
so users see that line and a non-zero exit code, never a traceback.

Exit codes (cron and CI read them; the README documents them):

- ``1`` **failed**: the command could not do its work;
- ``2`` **usage**: the command was called wrongly (unknown name, bad option or setting);
- ``3`` **partial**: some parts (pages, tables, forms) could not be done and are named in the
  message; everything else was saved.
"""

from typing import ClassVar

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3


class ToolkitError(Exception):
    """An expected failure with a message meant for the user."""

    #: The process exit code a command ends with when this error reaches the shell.
    exit_code: ClassVar[int] = EXIT_FAILED
    #: True for a failure that every later step would meet as well (the website refuses this
    #: client): a pipeline stops at it even where the step's failure policy is ``continue``.
    halts_pipeline: ClassVar[bool] = False


class UsageError(ToolkitError):
    """The command was called wrongly: an unknown name, a bad option or a malformed setting."""

    exit_code = EXIT_USAGE


class PartialFailure(ToolkitError):
    """Some parts of the work could not be done (and are named); the rest was saved."""

    exit_code = EXIT_PARTIAL
