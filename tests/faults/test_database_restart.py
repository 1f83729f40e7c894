"""The database restarting while officers work: requests caught by it get the "briefly
unavailable" page (503), the next ones succeed, and every step whose save was answered with
success is in the draft afterwards.

Never the shared server: a private PostgreSQL 15 cluster in a temporary folder (initdb, as the
postgres user when run as root), on a free port, migrated, with gunicorn (2 sync workers,
persistent connections with health checks, as deployed) in front. Three officers save wizard
steps in a loop; the cluster is stopped (``pg_ctl stop -m fast``: in-flight queries are cut),
left down two seconds, and started again.
"""

import os
import secrets
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from bench.server import gunicorn, log_tail
from bench.wizard_steps import BIN, ROOT, STEPS, Browser, create_officers, free_port

pytestmark = pytest.mark.postgres

PG_BIN = Path("/usr/lib/postgresql/15/bin")
OFFICERS = 3
# A saved step redirects to the next one (the documents to the review).
FOLLOWING = dict(zip([name for name, _ in STEPS], [name for name, _ in STEPS[1:]] + ["review"], strict=True))
UNAVAILABLE = "The service is briefly unavailable. What you saved is kept."


def as_postgres(*command) -> list[str]:
    """initdb and pg_ctl refuse to run as root: run them as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *map(str, command)] if os.geteuid() == 0 else list(map(str, command))


@pytest.fixture
def private_cluster():
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"no PostgreSQL 15 server binaries at {PG_BIN}")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        pytest.skip("running as root without runuser: initdb cannot run")
    folder = Path(tempfile.mkdtemp(prefix="t52-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", free_port()
    subprocess.run(as_postgres(PG_BIN / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                               "--locale=C", "--no-sync"), check=True, capture_output=True)
    ctl = as_postgres(PG_BIN / "pg_ctl", "-D", data, "-l", folder / "server.log", "-w", "-t", "60",
                      "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off")

    def pg_ctl(action: str, *extra: str):
        subprocess.run([*ctl, action, *extra], check=True, capture_output=True)

    try:
        pg_ctl("start")
        yield port, pg_ctl
    finally:
        subprocess.run([*ctl, "stop", "-m", "immediate"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def officer_at_work(port: int, username: str, ready: threading.Barrier, stop: threading.Event, log: list):
    """Sign in, wait for the others, then save steps one after another (a new draft after the
    last one); log every answer as (draft path, step, status, page, monotonic time)."""
    browser = Browser(port)
    browser.login(username)
    ready.wait(timeout=120)
    base = None
    while not stop.is_set():
        for name, form in ([("new", {})] if base is None else []) + list(STEPS):
            if stop.is_set():
                break
            path = "/en/assessments/new/" if name == "new" else f"{base}/{name}/"
            try:
                status, location, page, _ = browser.request("POST", path, form)
            except OSError as error:
                status, location, page = 0, "", repr(error)
            if status == 302 and name != "new" and not location.endswith(f"/{FOLLOWING[name]}/"):
                status = "redirected elsewhere"  # e.g. "start with the case" when the case was not saved
            log.append((base, name, status, page, time.monotonic()))
            if name == "new":
                if status != 302:
                    break  # start again
                base = location.rsplit("/", 2)[0]
            elif status != 302:
                time.sleep(0.2)
        else:
            base = None


def test_a_database_restart_costs_the_requests_in_flight_a_clear_503_and_loses_no_saved_step(
        private_cluster, tmp_path):
    port, pg_ctl = private_cluster
    import psycopg

    with psycopg.connect(f"postgres://postgres@127.0.0.1:{port}/postgres", autocommit=True) as admin:
        admin.execute("CREATE DATABASE t52_h_flt_restart")
    url = f"postgres://postgres@127.0.0.1:{port}/t52_h_flt_restart"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test", "DATABASE_URL": url, "DEBUG": "false",
           "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "false",
           "LOG_LEVEL": "WARNING"}
    subprocess.run([str(BIN / "python"), "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    create_officers(env, OFFICERS)

    log, stop, ready = [], threading.Event(), threading.Barrier(OFFICERS + 1)
    with gunicorn(env, tmp_path / "gunicorn.log", workers=2) as (_server, http_port):
        officers = [threading.Thread(target=officer_at_work, args=(http_port, f"bench-officer-{i}", ready, stop, log))
                    for i in range(1, OFFICERS + 1)]
        for officer in officers:
            officer.start()
        ready.wait(timeout=120)  # all signed in
        time.sleep(3)
        down_at = time.monotonic()
        pg_ctl("stop", "-m", "fast")
        health_down = Browser(http_port).request("GET", "/health")
        time.sleep(2)
        pg_ctl("start")
        up_at = time.monotonic()
        time.sleep(4)
        health_up = Browser(http_port).request("GET", "/health")
        stop.set()
        for officer in officers:
            officer.join(timeout=60)
        server_log = log_tail(tmp_path / "gunicorn.log", 60)

    statuses = {status for _, _, status, _, _ in log}
    assert statuses <= {302, 503, "redirected elsewhere"}, server_log
    unavailable = [entry for entry in log if entry[2] == 503]
    assert unavailable, "no request met the outage: the test proved nothing"
    assert all(UNAVAILABLE in page for _, _, _, page, _ in unavailable)
    assert (health_down[0], health_down[2]) == (503, '{"status": "unavailable"}')
    assert (health_up[0], health_up[2]) == (200, '{"status": "ok"}')
    assert all(down_at - 1 <= at for *_, status, _, at in log if status == 503)  # only the outage failed
    after = [entry for entry in log if entry[4] > up_at + 1]
    assert after and {status for _, _, status, _, _ in after} <= {302, "redirected elsewhere"}

    saved = {}
    for base, name, status, _, _ in log:
        if status == 302 and name != "new":
            saved.setdefault(int(base.rsplit("/", 1)[1]), set()).add(name)
    with psycopg.connect(url) as conn:
        stored = dict(conn.execute("SELECT id, answers FROM eligibility_assessment").fetchall())
    lost = {pk: sorted(steps - set(stored.get(pk, {}))) for pk, steps in saved.items() if steps - set(stored.get(pk, {}))}
    assert lost == {}
    assert sum(len(steps) for steps in saved.values()) > 20  # officers were at work before and after
