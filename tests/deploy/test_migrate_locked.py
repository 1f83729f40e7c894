"""Several app containers starting together migrate one at a time (config/migrate_locked.py)."""

import os
import subprocess
import sys
import time

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from config.migrate_locked import LOCK_KEY

pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks: PostgreSQL only")]


def test_a_container_waits_for_another_containers_migration_then_finds_nothing_to_do(db):
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
    with psycopg.connect(url, autocommit=True) as other_container:
        other_container.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        migrating = subprocess.Popen([sys.executable, "-m", "config.migrate_locked"], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + 60
            while not other_container.execute(
                    "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").fetchone():
                assert migrating.poll() is None, migrating.stdout.read()
                assert time.monotonic() < deadline, "the second migration never asked for the lock"
                time.sleep(0.2)
            assert migrating.poll() is None  # waiting, not migrating
            other_container.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
            output, _ = migrating.communicate(timeout=120)
        finally:
            if migrating.poll() is None:
                migrating.kill()
    assert migrating.returncode == 0, output
    assert "No migrations to apply." in output
