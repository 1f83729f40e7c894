"""Load: 50 simulated officers and supervisors for 60 seconds against gunicorn + PostgreSQL.

    .venv/bin/pip install -e ".[load]"      # locust, kept out of the main and dev dependencies
    .venv/bin/python bench/load_test.py [--users 50] [--spawn-rate 10] [--time 60s] [--workers 3]

Creates a throwaway PostgreSQL database (--db, dropped first if it exists), migrates it, seeds
--seed decisions (manage.py seed_demo_decisions, so the supervisors have records and reports to
read), creates 50 officer and 50 supervisor accounts, collects the static files into a temporary
folder and starts gunicorn (config.wsgi, --workers sync workers, DEBUG off) as wizard_steps.py
does. Then runs ``locust --headless`` with bench/load/locustfile.py: officers (weight 3) walk
whole assessments and finalise them, each with a unique application number; supervisors
(weight 2) search, open records, read the reports and the review queue.

Checks: zero 5xx answers; every application number whose finalise was answered with its
decision's page exists exactly once among the decisions (none lost); no application number of
the run is decided twice (no duplicates). Prints p50/p95 per page and requests/s (locust's own
figures). Exits 1 on any server error, lost or duplicated decision. Drops the database at the end.
"""

import argparse
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.server import gunicorn, log_tail  # noqa: E402
from bench.wizard_steps import (  # noqa: E402
    BIN,
    PASSWORD,
    ROOT,
    SETTINGS_SHIM,
    clean_up,
    commit,
    idle_machine_busy,
    manage,
    recreate_database,
)

SETTINGS_MODULE = "bench_wizard_settings"


def create_accounts(env: dict, each: int) -> None:
    code = (
        "import os\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.contrib.auth.models import Group\n"
        "from config.roles import OFFICER, SUPERVISOR\n"
        "for role, name in ((OFFICER, 'officer'), (SUPERVISOR, 'supervisor')):\n"
        "    group = Group.objects.get(name=role.group_name)\n"
        "    for i in range(1, int(os.environ['LOAD_EACH']) + 1):\n"
        "        user = get_user_model().objects.create_user(f'load-{name}-{i}', password=os.environ['LOAD_PASSWORD'])\n"
        "        user.groups.set([group])\n"
    )
    manage({**env, "LOAD_EACH": str(each), "LOAD_PASSWORD": PASSWORD}, "shell", "--no-imports", "-c", code)


def decisions_by_application(pg: str, db: str, prefix: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(f"{pg}/{db}") as conn:
        return dict(conn.execute("SELECT application_number, count(*) FROM eligibility_decision "
                                 "WHERE application_number LIKE %s GROUP BY application_number",
                                 [prefix + "%"]).fetchall())


def print_stats(stats_csv: Path) -> None:
    rows = list(csv.DictReader(stats_csv.open()))
    print(f"  {'request':<28} {'n':>6} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>8} {'req/s':>6}")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        print(f"  {(row['Type'] + ' ' + name).strip():<28} {row['Request Count']:>6} {row['Failure Count']:>5} "
              f"{row['50%']:>7} {row['95%']:>7} {float(row['Max Response Time']):>8.0f} "
              f"{float(row['Requests/s']):>6.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--time", default="60s")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (the Dockerfile's default)")
    parser.add_argument("--seed", type=int, default=500, help="decisions seeded before the run")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432", help="PostgreSQL server URL")
    parser.add_argument("--db", default="t52_load", help="throwaway database (dropped and recreated)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="load-bench-"))
    (tmp / f"{SETTINGS_MODULE}.py").write_text(SETTINGS_SHIM.format(static_root=str(tmp / "static")))
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
           "DATABASE_URL": f"{args.pg}/{args.db}", "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
           "SECURE_SSL_REDIRECT": "false",  # http on 127.0.0.1: TLS would end at a proxy
           "PYTHONPATH": os.pathsep.join([str(tmp), str(ROOT)]), "LOG_LEVEL": "WARNING"}
    run = f"{secrets.randbelow(10_000):04d}"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        recreate_database(args.pg, args.db)
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "collectstatic", "--no-input", "-v0")
        manage({**env, "DEBUG": "true"}, "seed_demo_decisions", str(args.seed), stdout=subprocess.DEVNULL)  # DEBUG only
        create_accounts(env, args.users)
        with gunicorn(env, tmp / "gunicorn.log", workers=args.workers) as (_server, port):
            print(f"commit {commit()}; gunicorn {args.workers} sync workers on 127.0.0.1:{port}, DEBUG off, "
                  f"database {args.db} ({args.seed} seeded decisions); {os.cpu_count()} CPUs")
            print(f"CPUs busy with other work before the run: {idle_machine_busy():.0%} (the machine is shared)")
            results = tmp / "results.json"
            locust = subprocess.run(
                [str(BIN / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"), "--headless",
                 "-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.time, "--host",
                 f"http://127.0.0.1:{port}", "--csv", str(tmp / "load"), "--only-summary", "--loglevel", "WARNING"],
                env={**env, "LOAD_PASSWORD": PASSWORD, "LOAD_RESULTS": str(results), "LOAD_RUN": run},
                cwd=ROOT, capture_output=True, text=True)
            server_log = log_tail(tmp / "gunicorn.log", 40)
        outcome = json.loads(results.read_text())
        print(f"\nlocust: {args.users} users (officers 3 : supervisors 2), spawn {args.spawn_rate:g}/s, "
              f"{args.time}; exit status {locust.returncode}")
        print_stats(tmp / "load_stats.csv")
        finalised = outcome["finalised"]
        stored = decisions_by_application(args.pg, args.db, f"L{run}")
        lost = [n for n in finalised if stored.get(n, 0) == 0]
        duplicated = {n: c for n, c in stored.items() if c > 1}
        errors = outcome["server_errors"]
        print(f"\nstatuses: {dict(sorted(outcome['statuses'].items()))}")
        print(f"server errors (5xx): {len(errors)}  {errors[:10] if errors else ''}")
        print(f"decisions finalised with success: {len(finalised)}; in the database: {len(stored)} "
              f"application numbers; lost: {len(lost)}; duplicated: {len(duplicated)}")
        failures = (tmp / "load_failures.csv").read_text() if (tmp / "load_failures.csv").exists() else ""
        if failures.count("\n") > 1:
            print("failures (locust):\n" + failures)
        if errors:
            print("gunicorn's log (last lines):\n" + server_log)
        ok = not errors and not lost and not duplicated and len(finalised) > 0
        print("RESULT: " + ("ok" if ok else "FAILED"))
        return 0 if ok else 1
    finally:
        clean_up(args.pg, args.db, tmp)


if __name__ == "__main__":
    sys.exit(main())
