from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "verify_raw_file"
