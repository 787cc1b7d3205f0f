from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "benchmark_web"
