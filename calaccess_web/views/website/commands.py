"""Every command of the toolkit: the framework commands and their shells, with their arguments."""

from __future__ import annotations

from typing import Any

from django.core.management import get_commands, load_command_class

from django_commander.registry import commands

from .common import Page


def command_rows() -> list[dict[str, Any]]:
    """Each framework command: name, help, arguments, and the management shell that runs it."""
    shells: dict[str, str] = {}
    for shell, app in get_commands().items():
        if app.startswith(("calaccess_", "django_commander")):
            try:
                target = getattr(load_command_class(app, shell), "command_name", "")
            except (ImportError, AttributeError):
                target = ""
            if target:
                shells[target] = shell
    rows = []
    for name in sorted(commands):
        command = commands[name]
        parser = command.argument_parser()
        arguments = [
            (", ".join(action.option_strings) or action.dest, action.help or "")
            for action in parser._actions
        ]
        rows.append(
            {
                "name": name,
                "help": (command.__doc__ or command.help or "").strip(),
                "shell": shells.get(name, ""),
                "arguments": arguments,
            }
        )
    return rows


class CommandsView(Page):
    """Every command, with an anchor per command."""

    url_name = "website-commands"
    template_name = "calaccess_web/website/commands.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["commands"] = command_rows()
        return context
