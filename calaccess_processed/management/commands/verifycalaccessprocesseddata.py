"""Check the Open Civic Data tables against the scrape; exit 1 listing what failed."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "verify_processed_data"
