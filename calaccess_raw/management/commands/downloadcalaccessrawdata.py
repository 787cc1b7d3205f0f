from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "download_raw_data"
