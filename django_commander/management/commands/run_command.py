"""``manage.py run_command NAME [PARAMETERS] [--options]``: run any framework command by name."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from calaccess_toolkit.errors import EXIT_USAGE
from django_commander.errors import UnknownCommand
from django_commander.registry import commands
from django_commander.shell import CommanderShell


class Command(BaseCommand):
    help = (
        "Run any framework command: run_command NAME [PARAMETERS] [--options]. "
        "`run_command NAME --help` explains one command; without NAME, list them all."
    )

    def run_from_argv(self, argv: list[str]) -> None:
        if len(argv) > 2 and not argv[2].startswith("-"):
            name = argv[2]
            try:
                shell = CommanderShell.for_command(name)
                shell.command_class  # noqa: B018 - fail early on an unknown name
            except UnknownCommand as error:
                self.stderr.write(self.style.ERROR(f"CommandError: {error}"))
                sys.exit(EXIT_USAGE)
            shell.run_from_argv([argv[0], f"{argv[1]} {name}", *argv[3:]])
            return
        super().run_from_argv(argv)

    def handle(self, *args, **options) -> None:
        width = max((len(name) for name in commands), default=0)
        for name in commands:
            self.stdout.write(f"{name.ljust(width)}  {commands[name].help}")
