"""Benchmark: the supervisors' decision search against the stock admin changelist, over HTTP, on
PostgreSQL with a million decisions, under gunicorn.

    .venv/bin/python bench/decision_search.py [--decisions 1000000] [--requests 40] [--users 8]
                                              [--rounds 20] [--admin-requests 12] [--workers 3]
                                              [--db t52_search_bench] [--reuse] [--keep]

Creates a throwaway PostgreSQL database (--db, dropped first), migrates it, fills it with
``manage.py seed_demo_decisions --decisions`` (timed: the seeding figure), VACUUM ANALYZE, collects
the static files into a temporary folder, creates 8 supervisors and one superuser, and starts
gunicorn (config.wsgi, --workers sync workers, DEBUG off) on a free port of 127.0.0.1. --reuse
keeps an existing database that already holds the decisions (no seeding); --keep leaves the
database in place at the end, for a later --reuse.

The pages measured (each request timed on the client, from sending it to having read the whole
answer, as wizard_steps.py does):
  - the search: the first page and a page deep in the results (a cursor half-way down), with no
    filter and with the filters a supervisor uses (last month's Japanese technician refusals,
    overrides, one officer's refusals, a review status, a name, an application number prefix),
    newest first and by receipt date;
  - the stock admin changelist of Decision (supervision/admin.py) on the same rows, signed in as a
    superuser: its first page, a page half-way down (?p=), and both filtered on overrides.

  phase 1: one supervisor requests each search page and the admin's first pages --requests times,
           and the admin's deep pages (over a second each) --admin-requests times spread evenly
           over the same rounds, one request at a time, the pages taken in turn;
  phase 2: --users supervisors, one process each, start together and go through every search page
           --rounds times with no pause between requests. Only requests started while every
           supervisor was still going count.

Prints p50, p95 (nearest rank) and max per page, the SQL queries of each search page (counted
in-process with Django's test client), and how much faster the search is than the admin on the
matching pages. Targets (issue 4): search p95 under 50 ms with one user and under 150 ms with 8
concurrent users; at least 10 times faster than the admin changelist (compared on p50 and on p95).
Exits 1 when a target is missed or a page does not answer 200. Stops gunicorn and drops the
database at the end (unless --keep or --reuse), whatever happened.
"""

import argparse
import json
import multiprocessing
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wizard_steps import (  # noqa: E402  the wizard bench's client and set-up, reused as they are
    BIN,
    PASSWORD,
    ROOT,
    SETTINGS_SHIM,
    Browser,
    admin_connection,
    clean_up,
    commit,
    free_port,
    gunicorn_command,
    idle_machine_busy,
    manage,
    nearest_rank,
    print_server_log,
    recreate_database,
    stop,
    wait_until_up,
)

TARGETS_MS = {"one user": 50.0, "concurrent": 150.0}
TARGET_SPEED_UP = 10.0
SETTINGS_MODULE = "bench_search_settings"
SEARCH = "/en/supervision/decisions/"
ADMIN = "/en/admin/eligibility/decision/"
ADMIN_PAGE = 100  # the changelist's rows per page (ModelAdmin.list_per_page)
SUPERUSER = "bench-admin"
ADMIN_DEEP = ("admin — deep page", "admin, overrides — deep page")  # sampled --admin-requests times


def last_month() -> tuple[str, str]:
    from datetime import date, timedelta

    first_of_this = date.today().replace(day=1)
    end = first_of_this - timedelta(days=1)
    return end.replace(day=1).isoformat(), end.isoformat()


def search_scenarios() -> list[tuple[str, str, bool]]:
    """(name, query, deep): deep pages continue from a cursor half-way down the results."""
    start, end = last_month()
    japan = f"country=JP&category=technician&decision=refuse&recorded_from={start}&recorded_to={end}"
    rows = [("no filter", "", True), ("JP technician refusals, last month", japan, True),
            ("overrides", "departs=yes", True), ("one officer's refusals", "officer=officer-demo-3&decision=refuse",
                                                 True),
            ("review: disagreed", "review=disagreed", True), ("name 'Sato'", "q=Sato", True),
            ("full name", "q=Hanako+Sato", False), ("application number prefix", "q=W312", False),
            ("received, newest first", "sort=received", True)]
    return [(f"{name} — {'deep page' if deep else 'first page'}", query, deep)
            for name, query, with_deep in rows for deep in ((False, True) if with_deep else (False,))]


# Pairs compared with the admin: (search page, admin page).
PAIRS = [("no filter — first page", "admin — first page"), ("no filter — deep page", "admin — deep page"),
         ("overrides — first page", "admin, overrides — first page"),
         ("overrides — deep page", "admin, overrides — deep page")]


# In-process set-up (a child with the bench's environment) --------------------------------------
def prepare_pages() -> None:
    """Print, as JSON, each page's path: deep cursors are made here, with the server's secret key,
    from the row half-way down each result set; and each search page's SQL queries."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from eligibility.models import Decision
    from supervision.search import SORTS, Cursor, DecisionSearch, ordering

    pages, queries = {}, {}
    for name, query, deep in search_scenarios():
        path = SEARCH + (f"?{query}" if query else "")
        if deep:
            found = DecisionSearch(QueryDict(query))
            assert found.is_valid(), found.form.errors
            total = found.queryset.count()
            row = found.queryset.order_by(*ordering(found.sort))[total // 2]
            token = Cursor(found.sort, True, getattr(row, SORTS[found.sort].key), row.pk).token()
            path = SEARCH + "?" + found.query_string(cursor=token)
        pages[name] = path
    total = Decision.objects.count()
    overrides = Decision.objects.filter(departs=True).count()
    pages["admin — first page"] = ADMIN
    pages["admin — deep page"] = f"{ADMIN}?p={total // 2 // ADMIN_PAGE + 1}"
    pages["admin, overrides — first page"] = f"{ADMIN}?departs__exact=1"
    pages["admin, overrides — deep page"] = f"{ADMIN}?departs__exact=1&p={overrides // 2 // ADMIN_PAGE + 1}"

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username="bench-supervisor-1"))
    for name, path in pages.items():
        if path.startswith(SEARCH):
            for _ in range(2):  # the second time, with the caches of the first
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{name}: {response.status_code}")
            queries[name] = len(captured.captured_queries)
    print(json.dumps({"pages": pages, "queries": queries, "decisions": total}))


def create_users(env: dict) -> None:
    code = (
        "import os\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.models import Group\n"
        "from config.roles import SUPERVISOR\n"
        "User = get_user_model()\n"
        "group = Group.objects.get(name=SUPERVISOR.group_name)\n"
        "for i in range(1, 9):\n"
        "    user, _ = User.objects.get_or_create(username=f'bench-supervisor-{i}')\n"
        "    user.set_password(os.environ['BENCH_PASSWORD']); user.save(); user.groups.set([group])\n"
        f"admin, _ = User.objects.get_or_create(username='{SUPERUSER}')\n"
        "admin.is_staff = admin.is_superuser = True\n"
        "admin.set_password(os.environ['BENCH_PASSWORD']); admin.save()\n"
    )
    manage({**env, "BENCH_PASSWORD": PASSWORD}, "shell", "--no-imports", "-c", code)


def decisions_in(pg: str, db: str) -> int:
    import psycopg

    with admin_connection(pg) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db]).fetchone():
            return 0
    with psycopg.connect(f"{pg}/{db}") as conn:
        try:
            return conn.execute("SELECT count(*) FROM eligibility_decision").fetchone()[0]
        except psycopg.errors.UndefinedTable:
            return 0


def seed(env: dict, pg: str, db: str, decisions: int) -> tuple[float, float, str]:
    """Seconds to seed, seconds to VACUUM ANALYZE, the command's own line."""
    import psycopg

    started = time.perf_counter()
    out = subprocess.run([str(BIN / "python"), "manage.py", "seed_demo_decisions", str(decisions)], cwd=ROOT,
                         env={**env, "DEBUG": "true"}, check=True, capture_output=True, text=True).stdout
    seeded = time.perf_counter() - started
    started = time.perf_counter()
    with psycopg.connect(f"{pg}/{db}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return seeded, time.perf_counter() - started, out.strip()


# The clients ------------------------------------------------------------------------------------
def timed_get(browser: Browser, path: str) -> float:
    status, location, _, ms = browser.request("GET", path)
    if status != 200:
        raise RuntimeError(f"GET {path}: {status} {location}")
    return ms


def one_user(port: int, pages: dict, names: list[str], requests: int, admin_requests: int) -> dict:
    """Phase 1: each page in turn, one request at a time. A search page and the admin page it is
    compared with are sampled as often and over the same rounds, so that both see the same
    moments of a shared machine; the admin's deep pages, over a second each, every few rounds."""
    supervisor, admin = Browser(port), Browser(port)
    supervisor.login("bench-supervisor-1")
    admin.login(SUPERUSER)
    timings: dict = {name: [] for name in names}
    every = max(1, requests // max(admin_requests, 1))
    for round_ in range(requests):
        for name in names:
            is_admin = name.startswith("admin")
            if name in ADMIN_DEEP and (round_ % every or len(timings[name]) >= admin_requests):
                continue
            timings[name].append(timed_get(admin if is_admin else supervisor, pages[name]))
    return timings


def supervisor(port, username, pages, names, rounds, barrier, results):
    timings, problem = [], None
    browser = Browser(port)
    try:
        browser.login(username)
    except Exception as exc:
        problem = f"{username}: signing in: {exc!r}"
    try:
        barrier.wait(timeout=300)
        if problem is None:
            offset = int(username.rsplit("-", 1)[1])  # each starts at another page
            for i in range(rounds * len(names)):
                name = names[(i + offset) % len(names)]
                started = time.monotonic()
                timings.append((name, timed_get(browser, pages[name]), started))
    except Exception as exc:
        problem = problem or f"{username}: {exc}"
    results.put((timings, time.monotonic(), problem, time.process_time()))


def concurrent(port: int, pages: dict, names: list[str], users: int, rounds: int):
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(users), ctx.Queue()
    procs = [ctx.Process(target=supervisor, args=(port, f"bench-supervisor-{i}", pages, names, rounds, barrier,
                                                  results)) for i in range(1, users + 1)]
    try:
        for p in procs:
            p.start()
        outcomes = [results.get() for _ in procs]
    finally:
        for p in procs:
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()
    first_done = min(done for _, done, *_ in outcomes)
    every = [t for timings, *_ in outcomes for t in timings]
    full = [t for t in every if t[2] < first_done]
    span = max(done for _, done, *_ in outcomes) - min((t[2] for t in every), default=first_done)
    by: dict = {name: [] for name in names}
    for name, ms, _ in full:
        by[name].append(ms)
    problems = [problem for *_, problem, _ in outcomes if problem]
    return by, len(full), len(every), span, sum(o[3] for o in outcomes), problems


# Figures ------------------------------------------------------------------------------------------
def table(title: str, timings: dict, target: float | None, queries: dict) -> bool:
    print(f"\n{title}")
    print(f"  {'page':<50} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}  target")
    ok = True
    for name, values in timings.items():
        if not values:
            print(f"  {name:<50} no answers")
            ok = ok and name.startswith("admin")
            continue
        p95 = nearest_rank(values, 95)
        verdict = ""
        if target is not None and not name.startswith("admin"):
            verdict = "met" if p95 < target else "MISSED"
            ok = ok and p95 < target
        print(f"  {name:<50} {len(values):>4} {statistics.median(values):>8.1f} {p95:>8.1f} {max(values):>8.1f} "
              f"{queries.get(name, '')!s:>8}  {verdict}")
    return ok


def speed_ups(timings: dict) -> bool:
    print(f"\nsearch against the stock admin changelist (one user; target: at least {TARGET_SPEED_UP:g}x faster)")
    print(f"  {'search page':<32} {'admin page':<32} {'x on p50':>9} {'x on p95':>9}  target")
    ok = True
    for ours, theirs in PAIRS:
        a, b = timings[ours], timings[theirs]
        on_p50 = statistics.median(b) / statistics.median(a)
        on_p95 = nearest_rank(b, 95) / nearest_rank(a, 95)
        met = min(on_p50, on_p95) >= TARGET_SPEED_UP
        ok = ok and met
        print(f"  {ours:<32} {theirs:<32} {on_p50:>9.1f} {on_p95:>9.1f}  {'met' if met else 'MISSED'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=1_000_000, help="decisions seeded")
    parser.add_argument("--requests", type=int, default=40, help="phase 1: requests per search page")
    parser.add_argument("--admin-requests", type=int, default=12,
                        help="phase 1: requests per deep admin page (its first pages: --requests)")
    parser.add_argument("--users", type=int, default=8, help="phase 2: concurrent supervisors (at most 8)")
    parser.add_argument("--rounds", type=int, default=20, help="phase 2: times each supervisor goes through the pages")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (the Dockerfile's default)")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--db", default="t52_search_bench", help="throwaway database (dropped and recreated)")
    parser.add_argument("--reuse", action="store_true", help="use the database as it is if it holds the decisions")
    parser.add_argument("--keep", action="store_true", help="leave the database in place at the end")
    parser.add_argument("--prepare-pages", action="store_true", help=argparse.SUPPRESS)  # the child above
    args = parser.parse_args()
    if args.prepare_pages:
        prepare_pages()
        return 0
    users = min(max(args.users, 1), 8)

    tmp = Path(tempfile.mkdtemp(prefix="search-bench-"))
    (tmp / f"{SETTINGS_MODULE}.py").write_text(SETTINGS_SHIM.format(static_root=str(tmp / "static")))
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "false",  # plain http on 127.0.0.1: in production TLS ends at a proxy
           "DATABASE_URL": f"{args.pg}/{args.db}", "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
           "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]), "LOG_LEVEL": "WARNING"}
    keep = args.keep or args.reuse
    server = log = None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        reused = args.reuse and decisions_in(args.pg, args.db) >= args.decisions
        if not reused:
            recreate_database(args.pg, args.db)
        manage(env, "migrate", "--no-input", "-v0")
        if reused:
            print(f"database {args.db} reused as it was ({decisions_in(args.pg, args.db):,} decisions)")
        else:
            seconds, vacuum, line = seed(env, args.pg, args.db, args.decisions)
            print(f"seed_demo_decisions {args.decisions}: {seconds:.0f} s wall clock ({line}); "
                  f"VACUUM ANALYZE {vacuum:.0f} s")
        manage(env, "collectstatic", "--no-input", "-v0")
        create_users(env)
        prepared = json.loads(subprocess.run([str(BIN / "python"), __file__, "--prepare-pages"], env=env, cwd=ROOT,
                                             check=True, capture_output=True, text=True).stdout)
        pages, queries = prepared["pages"], prepared["queries"]
        search_names = [name for name in pages if not name.startswith("admin")]

        port = free_port()
        log = open(tmp / "gunicorn.log", "wb")
        server = subprocess.Popen(gunicorn_command(port, args.workers), env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        wait_until_up(port, server)
        print(f"commit {commit()}; gunicorn {args.workers} sync workers on 127.0.0.1:{port}, DEBUG off, database "
              f"{args.db} with {prepared['decisions']:,} decisions; {os.cpu_count()} CPUs")
        busy = idle_machine_busy()
        print(f"CPUs busy with other work before the run: {busy:.0%}")
        if busy > 0.1:
            print("WARNING: something else is using the CPUs: the figures will be worse than this machine can do")
        for name, path in pages.items():
            print(f"  {name}: {path[:110]}{'…' if len(path) > 110 else ''}")

        one_user(port, pages, list(pages), 2, 1)  # warm-up: every worker, every page, the caches
        concurrent(port, pages, search_names, users, 1)
        alone = one_user(port, pages, list(pages), args.requests, args.admin_requests)
        together, counted, total, span, client_cpu, problems = concurrent(port, pages, search_names, users,
                                                                          args.rounds)
        ok1 = table(f"phase 1, one user: search p95 target < {TARGETS_MS['one user']:g} ms", alone,
                    TARGETS_MS["one user"], queries)
        ok2 = table(f"phase 2, {users} concurrent supervisors, {args.rounds} rounds each ({counted} of {total} "
                    f"requests at full concurrency, {total / span:.0f} requests/s; the clients used "
                    f"{client_cpu:.1f} CPU s of {span:.0f} s): p95 target < {TARGETS_MS['concurrent']:g} ms",
                    together, TARGETS_MS["concurrent"], queries)
        ok3 = speed_ups(alone)
        for problem in problems:
            print(f"FAILED: {problem}")
        print(f"\none user (p95 < {TARGETS_MS['one user']:g} ms): {'met' if ok1 else 'MISSED'}")
        print(f"{users} concurrent users (p95 < {TARGETS_MS['concurrent']:g} ms): {'met' if ok2 else 'MISSED'}")
        print(f"at least {TARGET_SPEED_UP:g}x faster than the admin changelist: {'met' if ok3 else 'MISSED'}")
        return 0 if ok1 and ok2 and ok3 and not problems else 1
    except Exception:
        print_server_log(tmp)
        raise
    finally:
        stop(server)
        if log is not None:
            log.close()
        clean_up(args.pg, args.db, tmp, keep)


if __name__ == "__main__":
    sys.exit(main())
