"""Merge the OCD people who share a filer id."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "merge_ocd_persons_by_filer_id"
