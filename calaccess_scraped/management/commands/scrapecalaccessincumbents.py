"""Scrape incumbents and election dates from the CAL-ACCESS website."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "scrape_incumbents"
