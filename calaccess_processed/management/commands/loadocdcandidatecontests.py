"""Load the candidate contests and candidacies of the placed candidate lists."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "load_ocd_candidate_contests"
