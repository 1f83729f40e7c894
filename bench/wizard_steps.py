"""Benchmark: the wizard's step POSTs over HTTP, on PostgreSQL under gunicorn.

    .venv/bin/python bench/wizard_steps.py [--walks 60] [--users 8] [--walks-each 15] [--workers 3]
                                           [--no-follow]

Creates a throwaway PostgreSQL database (--db, dropped first if it exists), migrates it (the
migrations load the rules), collects the static files into a temporary folder, creates --users
officer accounts and starts gunicorn (config.wsgi) on a free port of 127.0.0.1 with --workers sync
workers, DEBUG off. Then officers walk whole assessments through HTTP as a browser does: sign in,
start an assessment, POST each step (case, occupation, credentials, experience, language,
remuneration, documents), GET the review, POST the decision, following every redirect with a GET.
Each request is timed on the client, wall clock, from sending it to having read the whole answer.

  phase 1: one officer walks --walks assessments, one after another;
  phase 2: --users officers, one process each, start together and walk --walks-each assessments
           each, with no pause between requests. Only requests started while every officer was
           still walking count, so the figures are for the full concurrency.

Before both, every officer walks once, untimed, so that every gunicorn worker has its templates and
connections ready. Prints p50, p95 (nearest rank) and max per step for each phase, and the SQL
queries of each step's POST, counted once in-process with Django's test client on the same database.
Stops gunicorn and drops the database at the end, whatever happened.

Targets (issue 3): each step's POST p95 under 50 ms with one user, under 150 ms with 8 concurrent
users. Exits 1 when a target is missed or any POST did not answer the expected redirect.
"""

import argparse
import http.client
import math
import multiprocessing
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
TARGETS_MS = {"one user": 50.0, "concurrent": 150.0}
PASSWORD = "bench-" + secrets.token_urlsafe(12)
SETTINGS_MODULE = "bench_wizard_settings"
# The only difference from config.settings: the manifest of the static files (which DEBUG off
# needs to render any page) is collected into the temporary folder, not into the project.
SETTINGS_SHIM = "from config.settings import *  # noqa: F401,F403\nSTATIC_ROOT = {static_root!r}\n"

# A Japanese software engineer, eligible: the POST data of every step (as /tmp/smoke.py, the
# wizard's own forms' field names).
STEPS = (
    ("case", {"application_number": "W301234567", "uci": "1234-5678", "applicant_name": "Hanako Sato",
              "received_on": "2026-01-05", "place_of_application": "outside_canada", "country": "JP",
              "status": "citizen", "category": "professional", "passport_expiry": "2029-06-30", "spouse": "yes",
              "extension": "no"}),
    ("occupation", {"noc": "21231", "province": "ON", "employer": "Acme", "job_title": "Software engineer",
                    "offer_number": "A1234567", "compliance_fee_paid": "yes", "employment_months": "12",
                    "position_researcher": "no", "position_academic_entity": "no"}),
    ("credentials", {"credential": "bachelor", "years": "4", "education_country": "JP", "related_field": "yes",
                     "regulated": "table", "licence_required": "no", "licensed": "no", "noc_requirements_met": "yes"}),
    ("experience", {"period-TOTAL_FORMS": "1", "period-INITIAL_FORMS": "0", "period-MIN_NUM_FORMS": "0",
                    "period-MAX_NUM_FORMS": "30", "period-0-employer": "Fujitsu", "period-0-start": "2020-01-01",
                    "period-0-end": "2024-12-31", "period-0-hours_per_week": "40"}),
    ("language", {"satisfactory": "yes", "evidence": "interview", "offer_states_requirements": "no"}),
    ("remuneration", {"amount": "120000", "unit": "year", "hours_per_week": "40"}),
    ("documents", {"job_description": "on", "duration": "on", "payment_arrangements": "on", "credentials": "on"}),
)
DECISION = {"decision": "approve", "notes": "bench"}
TARGET_STEPS = [name for name, _ in STEPS] + ["decision"]  # the POSTs the targets are for
GET_PAGES = ["case", "occupation", "credentials", "experience", "language", "remuneration", "documents",
             "review", "decision detail"]


# The client ------------------------------------------------------------------------------------
class WalkError(Exception):
    pass


class Browser:
    """One officer's browser: cookies, the CSRF token, one connection reused while the server
    keeps it open (gunicorn's sync workers close it after each answer; http.client reopens)."""

    def __init__(self, port: int):
        self.origin = f"http://127.0.0.1:{port}"
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.last_url = "/en/"

    def request(self, method: str, path: str, form: dict | None = None):
        """(status, Location, body text, milliseconds)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "Referer": self.origin + self.last_url, "Accept-Language": "en"}
        body = None
        if form is not None:  # the cookie's token (Django accepts it as well as the page's masked one)
            form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        ms = (time.perf_counter() - start) * 1000
        for cookie in response.headers.get_all("Set-Cookie") or ():
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if value in ("", '""') or "max-age=0" in rest.lower():
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        if response.will_close:
            self.conn.close()
        self.last_url = path
        location = response.getheader("Location") or ""
        return response.status, urllib.parse.urlsplit(location).path, data.decode("utf-8", "replace"), ms

    def login(self, username: str) -> None:
        """As a browser: GET the form, POST it back with the token it holds."""
        status, _, page, _ = self.request("GET", "/en/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None or "csrftoken" not in self.cookies:
            raise WalkError(f"login page: {status}, form token {'found' if token else 'missing'}")
        form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
        status, location, page, _ = self.request("POST", "/en/accounts/login/", form)
        if status != 302 or "sessionid" not in self.cookies:
            raise WalkError(f"login: {status} ({errors_in(page) if status == 200 else location})")
        self.last_url = location


def errors_in(page: str) -> str:
    found = re.findall(r'<li><a href="#[^"]*">([^<]*)</a>', page)
    return "; ".join(found[:4]) or page[:200].replace("\n", " ")


def walk(browser: Browser, record, follow: bool = True) -> None:
    """One assessment, start to decision. ``record(kind, name, ms, started)`` gets every timing;
    anything unexpected raises WalkError. ``follow``: GET every page a POST redirects to, as a
    browser does; else only the review."""

    def post(name, path, form, expect):
        started = time.monotonic()
        status, location, page, ms = browser.request("POST", path, form)
        if status != 302 or not re.fullmatch(expect, location):
            raise WalkError(f"POST {name}: {status} to {location or '-'} ({errors_in(page) if status == 200 else ''})")
        record("POST", name, ms, started)
        return location

    def get(name, path):
        if not follow and name != "review":
            return
        started = time.monotonic()
        status, _, page, ms = browser.request("GET", path)
        if status != 200:
            raise WalkError(f"GET {name} ({path}): {status}")
        record("GET", name, ms, started)

    location = post("start (new)", "/en/assessments/new/", {}, r"/en/assessments/\d+/case/")
    base = location.rsplit("/", 2)[0]
    get("case", location)
    names = [name for name, _ in STEPS] + ["review"]
    for (name, form), following in zip(STEPS, names[1:], strict=True):
        location = post(name, f"{base}/{name}/", form, re.escape(f"{base}/{following}/"))
        get(following, location)
    location = post("decision", f"{base}/decision/", DECISION, r"/en/decisions/\d+/")
    get("decision detail", location)


def officer(port, username, walks, follow, barrier, results):
    """One officer in its own process (no GIL shared with the others): sign in, wait for the
    others, walk; send back (timings, finished at, problem or None, CPU seconds it used)."""
    timings = []
    problem = None
    browser = Browser(port)
    try:
        browser.login(username)
    except Exception as exc:  # reported, and the others are not left waiting at the barrier
        problem = f"{username}: signing in: {exc!r}"
    try:
        barrier.wait(timeout=300)
        if problem is None:
            for _ in range(walks):
                walk(browser, lambda kind, name, ms, started: timings.append((kind, name, ms, started)), follow)
    except Exception as exc:
        problem = problem or f"{username}: {exc}"
    results.put((timings, time.monotonic(), problem, time.process_time()))


def run_officers(port: int, users: int, walks: int, follow: bool = True):
    """(timings of requests started while all officers were walking, all timings, problems,
    CPU seconds the officers' processes used (the client's share of this machine), seconds from
    the first timed request to the last officer's end: signing in excluded)."""
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(users), ctx.Queue()
    procs = [ctx.Process(target=officer, args=(port, f"bench-officer-{i}", walks, follow, barrier, results))
             for i in range(1, users + 1)]
    try:
        for p in procs:
            p.start()
        outcomes = [results.get() for _ in procs]
    finally:  # interrupted: end the officers started here, by their own ids
        for p in procs:
            if p.is_alive():
                p.join(timeout=5)
                if p.is_alive():
                    p.terminate()
    all_timings = [t for timings, *_ in outcomes for t in timings]
    first_done = min(done for _, done, *_ in outcomes)
    full = [t for t in all_timings if t[3] < first_done]
    span = max(done for _, done, *_ in outcomes) - min((t[3] for t in all_timings), default=first_done)
    problems = [problem for _, _, problem, _ in outcomes if problem]
    return full, all_timings, problems, sum(o[3] for o in outcomes), span


# Figures ---------------------------------------------------------------------------------------
def nearest_rank(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def report(phase: str, timings, target: float, queries: dict) -> bool:
    """Print the phase's table; True when every step's POST p95 is under the target."""
    by = {}
    for kind, name, ms, _ in timings:
        by.setdefault((kind, name), []).append(ms)
    print(f"\n{phase}: POST p95 target < {target:g} ms")
    print(f"  {'request':<24} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}  target")
    ok = True
    rows = [("POST", n) for n in ["start (new)"] + TARGET_STEPS] + [("GET", n) for n in GET_PAGES]
    for kind, name in rows:
        values = by.get((kind, name), [])
        if not values:
            if kind == "POST" and name in TARGET_STEPS:
                ok = False
                print(f"  {kind + ' ' + name:<24} no answers")
            continue
        p95 = nearest_rank(values, 95)
        verdict = ""
        if kind == "POST" and name in TARGET_STEPS:
            met = p95 < target
            ok = ok and met
            verdict = "met" if met else "MISSED"
        q = queries.get(name, "") if kind == "POST" else ""
        print(f"  {kind + ' ' + name:<24} {len(values):>4} {statistics.median(values):>8.1f} {p95:>8.1f} "
              f"{max(values):>8.1f} {q!s:>8}  {verdict}")
    return ok


# Set-up and tear-down --------------------------------------------------------------------------
def print_server_log(tmp) -> None:
    """The end of gunicorn's log, when a run fails."""
    log_file = tmp / "gunicorn.log"
    if log_file.exists():
        print("gunicorn's log (last lines):\n" + "\n".join(log_file.read_text(errors="replace").splitlines()[-30:]),
              file=sys.stderr)


def admin_connection(pg: str):
    import psycopg  # the project's own driver, in its virtualenv

    return psycopg.connect(f"{pg}/postgres", autocommit=True)


def recreate_database(pg: str, name: str) -> None:
    with admin_connection(pg) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(pg: str, name: str) -> None:
    with admin_connection(pg) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def clean_up(pg: str, db: str, tmp, keep: bool = False) -> None:
    """What every bench leaves behind: its database (unless kept) and its temporary folder."""
    try:
        if not keep:
            drop_database(pg, db)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def commit() -> str:
    """The commit measured, and whether the application's files differ from it."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "config", "eligibility", "occupations",
                "supervision", "templates", "static")
    return (git("rev-parse", "--short", "HEAD") or "?") + (" (with uncommitted changes)" if dirty else "")


def idle_machine_busy(seconds: float = 2.0) -> float:
    """The share of all CPUs busy over a few seconds while the bench itself is idle (gunicorn
    waiting): another job on the machine would inflate every figure."""
    def sample():
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
        return sum(fields), fields[3] + fields[4]  # total, idle + iowait

    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env: dict, *args: str, **kwargs) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def create_officers(env: dict, users: int) -> None:
    code = (
        "import os\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.models import Group\n"
        "from config.roles import OFFICER\n"
        "group = Group.objects.get(name=OFFICER.group_name)\n"
        "for i in range(1, int(os.environ['BENCH_USERS']) + 1):\n"
        "    user = get_user_model().objects.create_user(f'bench-officer-{i}', password=os.environ['BENCH_PASSWORD'])\n"
        "    user.groups.set([group])\n"
    )
    manage({**env, "BENCH_USERS": str(users), "BENCH_PASSWORD": PASSWORD}, "shell", "--no-imports", "-c", code)


def gunicorn_command(port: int, workers: int, threads: int = 1) -> list[str]:
    """gunicorn as the Dockerfile serves: config.wsgi with config/gunicorn.py's settings, sync
    workers unless ``threads`` > 1 (gthread). One command for every bench and the fault tests."""
    command = [str(BIN / "gunicorn"), "config.wsgi:application", "--config", "python:config.gunicorn",
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--chdir", str(ROOT),
               "--graceful-timeout", "5"]
    if threads > 1:
        command += ["--threads", str(threads)]
    if "--no-control-socket" in subprocess.run([command[0], "--help"], capture_output=True, text=True).stdout:
        command.append("--no-control-socket")  # newer gunicorn: no control socket in ~/.gunicorn
    return command


def wait_until_up(port: int, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/en/accounts/login/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {seconds:g} s")


def stop(server: subprocess.Popen | None) -> None:
    if server is None or server.poll() is not None:
        return
    server.terminate()  # gunicorn's master stops its workers on SIGTERM
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # its own process group, started below
        server.wait()


# Queries per POST, counted in-process ---------------------------------------------------------
def count_queries() -> None:
    """Run as a child with the bench's environment: one officer walks twice through Django's test
    client; prints, for the second walk, each POST's queries and in-process milliseconds."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="bench-officer-1"))
    rows = {}
    for _ in range(2):
        base = client.post("/en/assessments/new/").url.rsplit("/", 2)[0]
        for name, form in (*STEPS, ("decision", DECISION)):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = client.post(f"{base}/{name}/", form)
                ms = (time.perf_counter() - start) * 1000
            if response.status_code != 302:
                raise SystemExit(f"{name}: {response.status_code}")
            rows[name] = (len(captured.captured_queries), ms)
    for name, (n, ms) in rows.items():
        print(f"{name} {n} {ms:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walks", type=int, default=60, help="phase 1: assessments walked by one officer")
    parser.add_argument("--users", type=int, default=8, help="phase 2: concurrent officers")
    parser.add_argument("--walks-each", type=int, default=15, help="phase 2: assessments walked by each officer")
    parser.add_argument("--workers", type=int, default=3,
                        help="gunicorn sync workers (default 3, the Dockerfile's WEB_CONCURRENCY)")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--db", default="t52_bench", help="throwaway database (dropped and recreated)")
    parser.add_argument("--no-follow", action="store_true",
                        help="GET only the review, not every page a POST redirects to (lighter than a browser)")
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)  # the child above
    args = parser.parse_args()
    if args.count_queries:
        count_queries()
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="wizard-bench-"))
    (tmp / f"{SETTINGS_MODULE}.py").write_text(SETTINGS_SHIM.format(static_root=str(tmp / "static")))
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "false",  # plain http on 127.0.0.1: in production TLS ends at a proxy
           "DATABASE_URL": f"{args.pg}/{args.db}", "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
           "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]), "LOG_LEVEL": "WARNING"}
    server = log = None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that the clean-up below runs
    try:
        recreate_database(args.pg, args.db)
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "collectstatic", "--no-input", "-v0")
        users = max(args.users, 1)
        create_officers(env, users)
        counted = subprocess.run([str(BIN / "python"), __file__, "--count-queries"], env=env, cwd=ROOT,
                                 check=True, capture_output=True, text=True).stdout.split()
        queries = {counted[i]: int(counted[i + 1]) for i in range(0, len(counted), 3)}
        in_process = {counted[i]: float(counted[i + 2]) for i in range(0, len(counted), 3)}

        port = free_port()
        log = open(tmp / "gunicorn.log", "wb")
        server = subprocess.Popen(
            gunicorn_command(port, args.workers),
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_until_up(port, server)
        print(f"commit {commit()}; gunicorn {args.workers} sync workers on 127.0.0.1:{port}, DEBUG off, "
              f"database {args.db}; {os.cpu_count()} CPUs")
        busy = idle_machine_busy()
        print(f"CPUs busy with other work before the run: {busy:.0%}")
        if busy > 0.1:
            print("WARNING: something else is using the CPUs: the figures will be worse than this machine can do")
        print("in-process (test client, one walk): " + ", ".join(
            f"{name} {queries[name]} q {in_process[name]:.0f} ms" for name in TARGET_STEPS))

        _, _, problems, _, _ = run_officers(port, users, 1)  # warm-up: every worker serves a few walks
        if problems:
            raise RuntimeError("warm-up: " + "; ".join(problems))

        one, _, problems1, _, _ = run_officers(port, 1, args.walks, not args.no_follow)
        many, everything, problems2, client_cpu, elapsed = run_officers(
            port, args.users, args.walks_each, not args.no_follow)
        ok1 = report(f"phase 1, one officer, {args.walks} walks", one, TARGETS_MS["one user"], queries)
        ok2 = report(f"phase 2, {args.users} concurrent officers, {args.walks_each} walks each "
                     f"({len(many)} of {len(everything)} requests at full concurrency, "
                     f"{len(everything) / elapsed:.0f} requests/s overall; the clients used {client_cpu:.1f} CPU s "
                     f"of {elapsed:.0f} s)",
                     many, TARGETS_MS["concurrent"], queries)
        problems = problems1 + problems2
        for problem in problems:
            print(f"FAILED: {problem}")
        print(f"\none user (p95 < {TARGETS_MS['one user']:g} ms): {'met' if ok1 else 'MISSED'}")
        print(f"{args.users} concurrent users (p95 < {TARGETS_MS['concurrent']:g} ms): {'met' if ok2 else 'MISSED'}")
        print(f"every POST answered its redirect: {'yes' if not problems else 'NO'}")
        return 0 if ok1 and ok2 and not problems else 1
    except Exception:
        print_server_log(tmp)
        raise
    finally:
        stop(server)
        if log is not None:
            log.close()
        clean_up(args.pg, args.db, tmp)


if __name__ == "__main__":
    sys.exit(main())
