"""Benchmark: the supervisors' reports page on PostgreSQL with a million decisions, from the
tallies (supervision/tallies.py) and, where the filters need them, from the decisions.

    .venv/bin/python bench/reports_page.py [--db t52_reports_bench] [--reuse] [--keep]
                                           [--decisions 1000000] [--runs 20] [--compare-runs 3]
                                           [--rebuild] [--pg postgres://postgres@127.0.0.1:5432]

Without --reuse: creates a throwaway PostgreSQL database (--db, dropped first), migrates it, fills
it with ``manage.py seed_demo_decisions --decisions`` (which rebuilds the tallies at its end; the
seeding is timed) and VACUUM ANALYZEs it. With --reuse, a database that already holds the
decisions (e.g. ``--db t52_lab --reuse``) is used as it is; ``migrate`` is run and timed, which
is the tallies' fill when supervision's 0002 (the tallies) or 0003 (their review status) is new
to it (then the tallies are VACUUM ANALYZEd). --rebuild also times ``manage.py rebuild_report_tallies``. --keep (implied by --reuse)
leaves the database in place at the end; otherwise it is dropped, whatever happened.

What is measured, in a child process with the production settings (DEBUG off, a random
SECRET_KEY, the static files collected into a temporary folder, as decision_search.py does), on
the rows as they are, --runs times per scenario, the scenarios taken in turn:
  - each figure's function in supervision/reports.py (counted(): the filters and the choice of
    tallies or decisions; breakdown; top_noc; criteria_not_met; review_agreement), and the sum
    of them (the page's data);
  - the whole page, ``GET /en/supervision/reports/?...`` through Django's test client signed in as
    a supervisor (force_login), timed from the request to the rendered answer; and its queries.
Scenarios: no filter; Japanese technician refusals; one officer; departures (departs=yes); the
three last whole months of the data (month-aligned dates); review=none (decisions never queued
for review: from the tallies since supervision's 0003 gave them the review status, counted on
the decisions before); and a date range from and to the middle of a month: the whole months
between from the tallies, the days at either end counted on the decisions ("tallies + days").
--compare-runs times the tallied scenarios' figures once more from the decisions (reports.counted
with tallies=False), for comparison (0 skips it).

Prints p50 and p95 (nearest rank) per scenario and figure, the page's queries, the share of the
CPUs busy with other work before the run and the load average (other sessions share this 2-core
machine: timings are noisy). Target (issue 4): the whole page under 500 ms (p95) in every
scenario. Exits 1 when the target is missed or a page does not answer 200.
"""

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from decision_search import decisions_in, seed  # noqa: E402  the search bench's set-up, reused as it is
from wizard_steps import (  # noqa: E402
    BIN,
    ROOT,
    SETTINGS_SHIM,
    clean_up,
    commit,
    idle_machine_busy,
    manage,
    nearest_rank,
    recreate_database,
)

TARGET_MS = 500.0
SETTINGS_MODULE = "bench_reports_settings"
PAGE = "/en/supervision/reports/"
SUPERVISOR = "bench-supervisor-1"
FIGURES = ("counted", "breakdown", "top_noc", "criteria_not_met", "review_agreement")


# In-process measurement (a child with the bench's environment) ---------------------------------
def scenarios(last_recorded) -> list[tuple[str, str]]:
    """(name, query string). The date ranges end with the last whole month before the latest
    decision's, so they hold decisions however old the seeded database is."""
    from datetime import timedelta

    end = last_recorded.replace(day=1) - timedelta(days=1)  # the last day of the month before
    start = (end.replace(day=1) - timedelta(days=62)).replace(day=1)  # three whole months
    return [
        ("no filter", ""),
        ("JP technician refusals", "country=JP&category=technician&decision=refuse"),
        ("one officer", "officer=officer-demo-3"),
        ("departures", "departs=yes"),
        ("three whole months", f"recorded_from={start}&recorded_to={end}"),
        ("review=none", "review=none"),
        ("mid-month dates", f"recorded_from={start.replace(day=15)}&recorded_to={end.replace(day=15)}"),
    ]


def measure(runs: int, compare_runs: int) -> None:
    """Print, as JSON, the milliseconds of each figure and page per scenario, and its queries."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from config.roles import SUPERVISOR as ROLE
    from eligibility.models import Decision
    from supervision import reports
    from supervision.search import ReportFilter

    user, _ = get_user_model().objects.get_or_create(username=SUPERVISOR)
    user.groups.set([Group.objects.get(name=ROLE.group_name)])
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    latest = timezone.localdate(Decision.objects.order_by("-created_at").values_list("created_at", flat=True)[0])

    def figures(query: str, tallies: bool = True) -> tuple[dict, bool]:
        ms = {}
        start = time.perf_counter()
        filterset = ReportFilter(QueryDict(query), queryset=Decision.objects.all())
        assert filterset.is_valid(), filterset.errors
        counted = reports.counted(filterset, tallies=tallies)
        ms["counted"] = (time.perf_counter() - start) * 1000
        for name in FIGURES[1:]:
            start = time.perf_counter()
            getattr(reports, name)(counted)
            ms[name] = (time.perf_counter() - start) * 1000
        ms["all figures"] = sum(ms.values())
        return ms, ("tallies + days" if isinstance(counted, reports.Combined) else
                    "tallies" if counted.tallied else "decisions")

    def page(query: str) -> float:
        start = time.perf_counter()
        response = client.get(PAGE + (f"?{query}" if query else ""))
        ms = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{PAGE}?{query}: {response.status_code}")
        return ms

    found = {"scenarios": [], "decisions": Decision.objects.count()}
    chosen = scenarios(latest)
    for _name, query in chosen:  # warm-up: connections, caches, the first compilation of each query
        page(query)
    timings = {name: {"page": []} for name, _ in chosen}
    sources = {}
    for _ in range(runs):
        for name, query in chosen:  # in turn, so a burst of load elsewhere spreads over all of them
            ms, sources[name] = figures(query)
            for figure, value in ms.items():
                timings[name].setdefault(figure, []).append(value)
            timings[name]["page"].append(page(query))
    for name, query in chosen:
        with CaptureQueriesContext(connection) as captured:
            page(query)
        compared = {}
        if sources[name] != "decisions" and compare_runs:
            for _ in range(compare_runs):
                for figure, value in figures(query, tallies=False)[0].items():
                    compared.setdefault(figure, []).append(value)
        found["scenarios"].append({"name": name, "query": query, "tallied": sources[name], "timings": timings[name],
                                   "queries": len(captured.captured_queries), "from decisions": compared})
    print(json.dumps(found))


# The report -------------------------------------------------------------------------------------
def _cell(values: list[float]) -> str:
    return f"{nearest_rank(values, 50):7.0f} {nearest_rank(values, 95):6.0f}" if values else f"{'—':>7} {'—':>6}"


def report(found: dict, runs: int) -> bool:
    columns = [*FIGURES, "all figures", "page"]
    print(f"\n{found['decisions']:,} decisions; {runs} runs per scenario; milliseconds, p50 p95 (nearest rank)")
    print(f"{'scenario':28} {'source':14} " + " ".join(f"{c[:14]:>14}" for c in columns) + "  queries")
    ok = True
    for row in found["scenarios"]:
        page_p95 = nearest_rank(row["timings"]["page"], 95)
        ok = ok and page_p95 < TARGET_MS
        source = row["tallied"]
        print(f"{row['name']:28} {source:14} " + " ".join(f"{_cell(row['timings'][c]):>14}" for c in columns)
              + f"  {row['queries']:>7}" + ("" if page_p95 < TARGET_MS else "  MISSED"))
    compared = [row for row in found["scenarios"] if row["from decisions"]]
    if compared:
        print("\nthe same figures counted on the decisions instead (reports.counted(..., tallies=False)):")
        for row in compared:
            print(f"{row['name']:28} {'decisions':9} " + " ".join(
                f"{_cell(row['from decisions'].get(c, [])):>14}" for c in columns[:-1]))
    return ok


def _timed(env: dict, *args: str) -> float:
    started = time.perf_counter()
    manage(env, *args)
    return time.perf_counter() - started


def _vacuum_tallies(pg: str, db: str) -> None:
    import psycopg

    with psycopg.connect(f"{pg}/{db}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE supervision_decisiontally")
        conn.execute("VACUUM ANALYZE supervision_reviewtally")


def _tallies_missing(pg: str, db: str) -> bool:
    """Whether ``migrate`` will fill the tallies: they, or their review status (0003), are new."""
    import psycopg

    with psycopg.connect(f"{pg}/{db}") as conn:
        return not conn.execute("SELECT 1 FROM information_schema.columns WHERE table_name = "
                                "'supervision_decisiontally' AND column_name = 'review_status'").fetchone()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=1_000_000, help="decisions seeded (without --reuse)")
    parser.add_argument("--runs", type=int, default=20, help="runs per scenario")
    parser.add_argument("--compare-runs", type=int, default=3,
                        help="runs of the tallied scenarios' figures counted on the decisions (0: none)")
    parser.add_argument("--rebuild", action="store_true", help="also time manage.py rebuild_report_tallies")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--db", default="t52_reports_bench", help="the database (dropped and recreated unless --reuse)")
    parser.add_argument("--reuse", action="store_true", help="use the database as it is if it holds the decisions")
    parser.add_argument("--keep", action="store_true", help="leave the database in place at the end")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # the child above
    args = parser.parse_args()
    if args.measure:
        measure(args.runs, args.compare_runs)
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="reports-bench-"))
    (tmp / f"{SETTINGS_MODULE}.py").write_text(SETTINGS_SHIM.format(static_root=str(tmp / "static")))
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "false",  # plain http on 127.0.0.1: in production TLS ends at a proxy
           "DATABASE_URL": f"{args.pg}/{args.db}", "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
           "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)])}
    reused = args.reuse and decisions_in(args.pg, args.db) >= args.decisions
    keep = args.keep or reused
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        if not reused:
            if args.reuse:
                print(f"database {args.db} does not hold {args.decisions:,} decisions: seeding a new one")
            recreate_database(args.pg, args.db)
        filling = reused and _tallies_missing(args.pg, args.db)
        seconds = _timed(env, "migrate", "--no-input", "-v0")
        if reused:
            print(f"database {args.db} reused ({decisions_in(args.pg, args.db):,} decisions); migrate: {seconds:.1f} s"
                  + (" (the tallies' fill from the existing decisions, Django's start-up included)" if filling else ""))
            if filling:
                _vacuum_tallies(args.pg, args.db)
        else:
            seeded, vacuum, line = seed(env, args.pg, args.db, args.decisions)
            print(f"seed_demo_decisions {args.decisions}: {seeded:.0f} s wall clock, tallies' rebuild included "
                  f"({line}); VACUUM ANALYZE {vacuum:.0f} s")
        if args.rebuild:
            out = subprocess.run([str(BIN / "python"), "manage.py", "rebuild_report_tallies"], cwd=ROOT, env=env,
                                 check=True, capture_output=True, text=True).stdout.strip()
            print(f"rebuild_report_tallies: {out}")
        manage(env, "collectstatic", "--no-input", "-v0")
        print(f"commit {commit()}; DEBUG off, Django's test client in one process; {os.cpu_count()} CPUs")
        busy = idle_machine_busy()
        print(f"CPUs busy with other work before the run: {busy:.0%}; load average {os.getloadavg()[0]:.2f}")
        if busy > 0.1:
            print("WARNING: something else is using the CPUs: the figures will be worse than this machine can do")
        started = time.perf_counter()
        child = subprocess.run([str(BIN / "python"), __file__, "--measure", "--runs", str(args.runs),
                                "--compare-runs", str(args.compare_runs)], env=env, cwd=ROOT,
                               capture_output=True, text=True)
        if child.returncode:
            print(child.stderr[-3000:], file=sys.stderr)
            return 1
        found = json.loads(child.stdout)
        for name, query in ((row["name"], row["query"]) for row in found["scenarios"]):
            print(f"  {name}: {PAGE}{'?' + query if query else ''}")
        ok = report(found, args.runs)
        print(f"\nmeasured in {time.perf_counter() - started:.0f} s; load average after {os.getloadavg()[0]:.2f}")
        print(f"the page under {TARGET_MS:g} ms (p95) in every scenario: {'met' if ok else 'MISSED'}")
        return 0 if ok else 1
    finally:
        clean_up(args.pg, args.db, tmp, keep)


if __name__ == "__main__":
    sys.exit(main())
