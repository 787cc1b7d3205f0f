"""Load a ballot measure contest for every scraped non-recall measure."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "load_ocd_ballot_measure_contests"
