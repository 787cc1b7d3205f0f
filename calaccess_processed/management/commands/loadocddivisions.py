"""Load California's OCD divisions from the package's data."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "load_ocd_divisions"
