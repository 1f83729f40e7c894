"""``python -m config.migrate_locked``: ``manage.py migrate``, one app container at a time.

Each app container migrates when it starts (Dockerfile). Django's ``migrate`` takes no lock of
its own: two containers starting together would both apply the same migration and one would fail
half-way. On PostgreSQL this holds a session advisory lock around it, so the second container
waits, then finds nothing to apply. Operators who prefer one-off migrations set
``MIGRATE_ON_START=false`` and run this (or ``manage.py migrate``) once per release.
"""

import os
import sys

# One fixed key for "the desk's schema is being migrated" (any 64-bit number no other code uses).
LOCK_KEY = 5_202_611_260


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        call_command("migrate", interactive=False)
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            call_command("migrate", interactive=False)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    return 0


if __name__ == "__main__":
    sys.exit(main())
