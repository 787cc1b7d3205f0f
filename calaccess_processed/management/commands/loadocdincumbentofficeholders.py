"""Load the officeholders of every scraped session as memberships, and flag incumbents."""

from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "load_ocd_incumbent_officeholders"
