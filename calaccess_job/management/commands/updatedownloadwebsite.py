from django_commander.shell import CommanderShell


class Command(CommanderShell):
    command_name = "update_download_website"
