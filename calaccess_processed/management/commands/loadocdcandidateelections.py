"""Load an OCD election for every dated scraped candidate list."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "load_ocd_candidate_elections"
