from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "build_search_index"
