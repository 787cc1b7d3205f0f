"""Scrape the CAL-ACCESS website (measures, candidates, incumbents, committee links)."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "scrape"
