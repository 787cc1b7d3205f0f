"""Add the candidacies of the Form 501 filings."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "load_ocd_candidacies_from_501s"
