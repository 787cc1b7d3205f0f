"""Load a retention contest for every scraped recall."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "load_ocd_retention_contests"
