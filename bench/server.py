"""gunicorn on a free port, for the load bench and the fault tests (tests/faults/).

The same start-up as the other benches (wizard_steps.py's ``gunicorn_command``, ``free_port``,
``wait_until_up`` and ``stop``), as one context manager both the load bench and the tests can call. Import it as ``bench.server`` with the project's root on ``sys.path``.
"""

import subprocess
from contextlib import contextmanager
from pathlib import Path

from bench.wizard_steps import free_port, gunicorn_command, stop, wait_until_up


@contextmanager
def gunicorn(env: dict, log_path: Path, workers: int = 3, threads: int = 1, seconds: float = 60):
    """Start gunicorn with ``env`` (its own process group), wait until it answers, yield
    ``(process, port)``; stop it afterwards, whatever happened. Its output goes to ``log_path``."""
    port = free_port()
    with open(log_path, "wb") as log:
        server = subprocess.Popen(gunicorn_command(port, workers, threads), env=env, stdout=log,
                                  stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_until_up(port, server, seconds)
            yield server, port
        finally:
            stop(server)


def worker_pids(server: subprocess.Popen) -> list[int]:
    """The gunicorn master's children (its workers), from /proc."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def log_tail(log_path: Path, lines: int = 30) -> str:
    if not log_path.exists():
        return ""
    return "\n".join(log_path.read_text(errors="replace").splitlines()[-lines:])
