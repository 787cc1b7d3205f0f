"""Merge the OCD people of one name in one contest."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "merge_ocd_persons_by_contest_and_name"
