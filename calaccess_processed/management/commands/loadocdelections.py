"""Load every Open Civic Data election table, in dependency order."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "load_ocd_elections"
