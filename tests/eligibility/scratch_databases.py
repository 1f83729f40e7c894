"""Real, separate PostgreSQL databases for the tests that need committed data seen by other
connections and other processes (concurrent finalisations, backup and restore).

Not pytest's test database: its transactional tests end with a flush that empties the rule
data the migrations loaded (tests/browser/conftest.py says why that clashes with this project).
Each scratch database is created on the server the run is configured for, named after the run's
own database plus a random suffix (so parallel runs never collide), migrated by ``manage.py`` in
a subprocess, and dropped at the end whatever happened.
"""

import os
import secrets
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def server_options() -> list[str]:
    db = settings.DATABASES["default"]
    options = ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432)]
    return options + (["-U", db["USER"]] if db.get("USER") else [])


def url_of(name: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db.get('USER') or ''}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


def environment(name: str) -> dict:
    env = {**os.environ, "DATABASE_URL": url_of(name)}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py's own settings, as an operator runs it
    if settings.DATABASES["default"].get("PASSWORD"):
        env["PGPASSWORD"] = settings.DATABASES["default"]["PASSWORD"]
    return env


def manage(name: str, *args, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess:
    """``manage.py ARGS`` against database ``name``; fails the test with its output if ``check``
    and it exits non-zero."""
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=environment(name), capture_output=True,
                          text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def run(name: str, *command: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """A PostgreSQL client program (pg_dump, pg_restore, ...) with the run's server options."""
    return subprocess.run([command[0], *server_options(), *command[1:]], env=environment(name), check=True,
                          capture_output=True, text=True, timeout=timeout)


@contextmanager
def scratch_database(label: str, migrate: bool = True):
    """A fresh database's name, migrated unless told not to; dropped on the way out."""
    name = f"{settings.DATABASES['default']['NAME']}_{label}_{secrets.token_hex(4)}"
    subprocess.run(["createdb", *server_options(), name], env=environment(name), check=True, capture_output=True)
    try:
        if migrate:
            manage(name, "migrate", "--no-input")
        yield name
    finally:
        subprocess.run(["dropdb", *server_options(), "--if-exists", "--force", name], env=environment(name),
                       check=True, capture_output=True)
