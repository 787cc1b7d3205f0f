"""The thin management command that puts a framework command on the shell.

``CommanderShell`` builds Django's parser from the command's declared arguments, runs it with
the shell's output streams and prompting, and turns failures into a one-line ``CommandError`` and
a non-zero exit: users never see a traceback (unless they pass ``--traceback``), while the full
traceback stays in the command log. Exit codes: the error's ``exit_code`` for the toolkit's
errors (2 usage, 3 partial, 1 failed), 1 for an interruption or any other error; argparse's own
usage errors exit 2.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from calaccess_toolkit.errors import EXIT_FAILED, ToolkitError

from . import log_connection
from .registry import commands

#: Options Django's own parser adds, which are not the framework command's business.
DJANGO_OPTIONS = {
    "settings",
    "pythonpath",
    "traceback",
    "no_color",
    "force_color",
    "skip_checks",
    "stdin",
    "stdout",
    "stderr",
}


class CommanderShell(BaseCommand):
    """Run the framework command named ``command_name`` from ``manage.py``."""

    command_name: str = ""
    stealth_options = ("stdin",)

    @classmethod
    def for_command(cls, name: str) -> CommanderShell:
        shell_class = type(f"{name}Shell", (cls,), {"command_name": name})
        return shell_class()

    @property
    def command_class(self):
        return commands[self.command_name]

    @property
    def help(self) -> str:  # Django reads help when it builds the parser
        command_class = self.command_class
        return (command_class.__doc__ or command_class.help or "").strip()

    def add_arguments(self, parser) -> None:
        self.command_class.add_all_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        stdin = options.get("stdin")
        show_traceback = options.get("traceback", False)
        arguments = {key: value for key, value in options.items() if key not in DJANGO_OPTIONS}
        try:
            self.command_class(
                stdout=self.stdout,
                stderr=self.stderr,
                stdin=stdin,
                interactive=True,
                **arguments,
            ).run()
        except ToolkitError as error:
            if show_traceback:
                raise
            raise CommandError(str(error), returncode=error.exit_code) from error
        except KeyboardInterrupt:
            raise CommandError(
                f"{self.command_name} interrupted; run it again to resume", returncode=EXIT_FAILED
            ) from None
        except Exception as error:
            if show_traceback:
                raise
            raise CommandError(
                f"{self.command_name} failed: {type(error).__name__}: {error} "
                "(the traceback is in the command log; rerun with --traceback to see it)",
                returncode=EXIT_FAILED,
            ) from error
        finally:
            log_connection.flush()
