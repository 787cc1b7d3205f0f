#!/usr/bin/env python
"""Django's command-line utility for the CAL-ACCESS toolkit's ready-to-use project.

A toolkit error raised outside a command (a malformed setting, found while the settings load)
is printed as one line, and the process exits with its code (2 for a setting).
"""

import os
import sys

from calaccess_toolkit.errors import ToolkitError


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "calaccess_project.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except ToolkitError as error:
        sys.stderr.write(f"{type(error).__name__}: {error}\n")
        sys.exit(error.exit_code)


if __name__ == "__main__":
    main()
