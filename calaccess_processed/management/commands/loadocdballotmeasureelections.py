"""Load an OCD election for every scraped measure list election."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "load_ocd_ballot_measure_elections"
