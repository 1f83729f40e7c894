#!/usr/bin/env python
"""Django's command-line utility.

A checkout run through manage.py is a developer's machine unless the environment says otherwise:
DEBUG defaults to on here (and only here), so commands such as ``assess`` work without a
SECRET_KEY. The deployed app starts through config.wsgi, where DEBUG defaults to off.
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
