"""Load the parties of the party lookup codes."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "load_ocd_parties"
