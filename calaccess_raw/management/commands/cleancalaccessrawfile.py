from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "clean_raw_file"
