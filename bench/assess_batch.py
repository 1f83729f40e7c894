"""Benchmark: N generated cases through ``manage.py assess --jsonl``, start-up included.

    .venv/bin/python bench/assess_batch.py [--cases N] [--seed S] [--runs R] [--keep FILE]

Generates N valid, varied cases (about 1% invalid, to exercise the error path) from the seed's
occupation lists and NOC table, deterministically from --seed; runs the command R times with its
output sent to /dev/null, timing the whole process and sampling the peak memory (PSS) of
the command and its worker processes together; then runs it
once more, untimed, to check the output: one line per case, exit status 2, and exactly the
generated invalid cases answered with an error. Exits 1 when a target is missed or a check fails.

Targets (the issue): 100,000 cases in under 10 s, peak memory under 300 MB.
"""

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "occupations" / "data"
PYTHON = ROOT / ".venv" / "bin" / "python"
TARGET_SECONDS = 10.0
TARGET_MB = 300.0

PARTIES = ["AU", "JP", "MX"]
NON_PARTIES = ["VN", "NZ", "CA", "SG", "PE", "CL", "GB", "US", "FR", "IN"]
PROVINCES = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]
PROVINCE_WEIGHTS = [12, 14, 4, 3, 2, 3, 1, 1, 30, 1, 20, 4, 1]
CREDENTIALS = ["none", "secondary", "certificate", "diploma", "associate", "bachelor", "master", "doctorate"]
CREDENTIAL_WEIGHTS = [2, 4, 8, 14, 10, 35, 20, 7]
TYPICAL_YEARS = {"none": 0, "secondary": 0, "certificate": 1, "diploma": 2, "associate": 2,
                 "bachelor": 4, "master": 6, "doctorate": 8}
PREPARED_CREDENTIALS = {"professional": ["bachelor", "bachelor", "master", "doctorate"],
                        "technician": ["certificate", "diploma", "associate", "bachelor"]}
MONTHS = [0, 6, 12, 23, 24, 30, 36, 47, 48, 60, 72, 84, 96, 120, 180, 240]
PREPARED_MONTHS = {"professional": [24, 30, 36, 48, 60, 96, 120], "technician": [48, 60, 72, 96, 180]}
UNITS = ["hour", "week", "month", "year"]
UNIT_WEIGHTS = [40, 5, 15, 40]
POSITION_FLAGS = ["notary", "foreign_legal_consultant", "researcher", "academic_entity", "operator"]
DOCUMENTS = ["job_description", "duration", "payment_arrangements", "credentials"]
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2026, 10, 31)


def load_noc_codes() -> dict:
    """NOC codes to draw from: the seed's lists by (country, category, kind), every NOC 2021
    unit group ("all") and those of TEER 0 and 1 ("teer01")."""
    codes: dict = {}
    with open(DATA / "seed_occupation_lists.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["noc_code"]:
                codes.setdefault((row["country"], row["category"], row["kind"]), set()).add(row["noc_code"])
    with open(DATA / "noc2021_unit_groups.csv", encoding="utf-8") as f:
        groups = list(csv.DictReader(f))
    codes["all"] = {g["code"] for g in groups}
    codes["teer01"] = {g["code"] for g in groups if g["teer"] in ("0", "1")}
    return {key: sorted(value) for key, value in codes.items()}


def noc_for(rng: random.Random, codes: dict, country: str, category: str) -> str:
    """Mostly a code the case's list or TEER makes plausible; sometimes an excluded or any code."""
    party = country if country in PARTIES else rng.choice(PARTIES)
    draw = rng.random()
    if category == "technician":
        pool = codes[(party, category, "permitted")] if draw < 0.75 else codes["all"]
    elif draw < 0.8:
        pool = codes["teer01"]
    else:
        pool = codes[(party, category, "excluded")] if draw < 0.9 else codes["all"]
    return rng.choice(pool)


def per_unit(annual: float, unit: str, hours: float) -> float:
    if unit == "hour":
        return round(annual / 52 / hours, 2)
    if unit == "week":
        return round(annual / 52, 2)
    if unit == "month":
        return round(annual / 12, 2)
    return round(annual, -2)


def valid_case(rng: random.Random, i: int, codes: dict) -> dict:
    """One valid case. Most are prepared (education and experience fit the category), so that
    every outcome and most reasons turn up; the rest draw each fact independently."""
    r = rng.random
    prepared = r() < 0.6
    country = rng.choice(PARTIES) if r() < 0.93 else rng.choice(NON_PARTIES)
    category = "professional" if r() < 0.55 else "technician"
    noc = noc_for(rng, codes, country, category)
    if prepared:
        credential = rng.choice(PREPARED_CREDENTIALS[category])
        experience = rng.choice(PREPARED_MONTHS[category])
    else:
        credential = rng.choices(CREDENTIALS, CREDENTIAL_WEIGHTS)[0]
        experience = rng.choice(MONTHS)
    years = max(0, TYPICAL_YEARS[credential] + rng.choice([0, 0, 1] if prepared else [-1, 0, 0, 0, 1]))
    if r() < 0.1:
        years += 0.5
    hours = rng.choice([37.5, 40, 40, 40, 35, 44, 20])
    annual = rng.uniform(30_000, 160_000)
    unit = rng.choices(UNITS, UNIT_WEIGHTS)[0]
    case = {
        "reference": f"B{i:07d}",
        "country": country,
        "status": "citizen" if r() < 0.9 else "permanent_resident",
        "category": category,
        "noc_code": noc,
        "province": rng.choices(PROVINCES, PROVINCE_WEIGHTS)[0],
        "licensed": r() < 0.6,
        "education": {
            "credential": credential,
            "years": years,
            "country": country if r() < 0.8 else rng.choice(PARTIES + NON_PARTIES),
            "related_field": r() < 0.9,
        },
        "experience_months": experience,
        "language": {"satisfactory": rng.choice([True] * 12 + [False, None])},
        "wage": {"amount": per_unit(annual, unit, hours), "unit": unit, "hours_per_week": hours},
        "offer_number": f"A{rng.randrange(10_000_000):07d}",
        "compliance_fee_paid": r() < 0.95,
        "employment_months": rng.choice([3, 6, 12, 12, 18, 24, 36, 48]),
        "documents": {d: r() < 0.98 for d in DOCUMENTS},
    }
    if r() < 0.5:
        case["regulated"] = rng.choice([True, False, None])
    if r() < 0.2:
        case["licence_required"] = r() < 0.5
    if r() < 0.3:
        case["employer_letter"] = r() < 0.6
    if r() < 0.3:
        case["language"]["offer_requirements_met"] = rng.choice([True, True, True, False, None])
    if r() < 0.2:
        case["position"] = {q: r() < 0.5 for q in rng.sample(POSITION_FLAGS, rng.randint(1, 3))}
    if r() < 0.15:
        case["non_monetary"] = {"housing": rng.choice([6000, 12000, 18000])}
        if r() < 0.5:
            case["non_monetary"]["travel"] = rng.choice([1500, 3000])
    if r() < 0.85:  # else the wage table is used
        median = annual * rng.uniform(0.75, 1.05 if prepared else 1.3)
        punit = rng.choices(UNITS, UNIT_WEIGHTS)[0]
        prevailing = {"amount": per_unit(median, punit, hours), "unit": punit}
        if r() < 0.7:
            prevailing["low"] = round(prevailing["amount"] * rng.uniform(0.6, 0.9), 2)
        case["prevailing_wage"] = prevailing
    if r() < 0.3:
        case["spouse"] = r() < 0.7
    if r() < 0.9:  # else today
        day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        case["received_on"] = day.isoformat()
    return case


def _set(path):
    def breaks(case):
        target = case
        *parents, last = path.split(".")
        for p in parents:
            target = target[p]
        target[last] = BAD_VALUES[path]
    return breaks


BAD_VALUES = {"country": "XX", "noc_code": "2130", "province": "QB", "offer_number": "B1234567",
              "experience_months": -3, "wage.amount": 0, "wage.unit": "day", "received_on": "2025-02-30",
              "education.credential": "phd", "status": "resident"}
BREAKERS = [_set(p) for p in BAD_VALUES] + [
    lambda c: c.update(nickname="x"),          # unknown field
    lambda c: c.pop("licensed"),               # missing field
    lambda c: c["documents"].update(credentials="yes"),
]


def invalid_line(rng: random.Random, case: dict) -> str:
    if rng.random() < 0.1:
        return json.dumps(case)[:-7]  # truncated: not valid JSON
    rng.choice(BREAKERS)(case)
    return json.dumps(case)


def generate(path: Path, n: int, seed: int) -> int:
    """Write n cases to path; return how many are invalid."""
    rng = random.Random(seed)
    codes = load_noc_codes()
    invalid = 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            case = valid_case(rng, i, codes)
            if rng.random() < 0.01:
                invalid += 1
                f.write(invalid_line(rng, case) + "\n")
            else:
                f.write(json.dumps(case) + "\n")
    return invalid


def tree_pss_mb(root: int) -> float:
    """Proportional set size of a process and all its descendants, in MB: the memory the batch
    really holds, counting pages its forked workers share with it once, not once per process."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
    return total / 1024


def timed_run(cases: Path) -> tuple[float, float, int]:
    """(wall seconds, peak PSS of the command and its workers in MB, exit status) of one run,
    output to /dev/null. Memory is sampled every 250 ms, so the sampling barely competes with the run for the CPU."""
    with open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        child = subprocess.Popen([str(PYTHON), "manage.py", "assess", "--jsonl", str(cases)],
                                 cwd=ROOT, stdout=devnull)
        peak = 0.0
        while child.poll() is None:
            peak = max(peak, tree_pss_mb(child.pid))
            time.sleep(0.25)
        elapsed = time.perf_counter() - start
    return elapsed, peak, child.returncode


def check_output(cases: Path, n: int, invalid: int) -> list[str]:
    """Run once more into a file; return the problems found (none = the output is as expected)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        code = subprocess.run([str(PYTHON), "manage.py", "assess", "--jsonl", str(cases)],
                              cwd=ROOT, stdout=out).returncode
        out.seek(0)
        lines = errors = 0
        outcomes: dict[str, int] = {}
        for line in out:
            lines += 1
            result = json.loads(line)
            if "error" in result:
                errors += 1
            else:
                outcomes[result["outcome"]] = outcomes.get(result["outcome"], 0) + 1
    problems = []
    if lines != n:
        problems.append(f"{lines} output lines for {n} cases")
    if errors != invalid:
        problems.append(f"{errors} errors for {invalid} invalid cases")
    if code != (2 if invalid else 0):
        problems.append(f"exit status {code}")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) + f", error {errors}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=52)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", metavar="FILE", help="write the cases here and keep them")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        cases = Path(args.keep) if args.keep else Path(tmp) / "cases.jsonl"
        invalid = generate(cases, args.cases, args.seed)
        size = cases.stat().st_size / 1e6
        print(f"{args.cases} cases ({invalid} invalid), seed {args.seed}, {size:.1f} MB: {cases}")

        runs = []
        print(f"{'run':>4} {'seconds':>8} {'peak MB':>8} {'exit':>5}")
        for i in range(1, args.runs + 1):
            seconds, mb, code = timed_run(cases)
            runs.append((seconds, mb))
            print(f"{i:>4} {seconds:>8.2f} {mb:>8.1f} {code:>5}")
        seconds = [s for s, _ in runs]
        peaks = [m for _, m in runs]
        print(f"best {min(seconds):.2f} s, median {statistics.median(seconds):.2f} s; "
              f"peak {max(peaks):.1f} MB (median {statistics.median(peaks):.1f} MB)")

        problems = check_output(cases, args.cases, invalid)

    limit = TARGET_SECONDS * args.cases / 100_000  # the target, scaled to N (start-up not excepted)
    time_ok = statistics.median(seconds) < limit
    memory_ok = max(peaks) < TARGET_MB
    print(f"time target (median < {limit:g} s for {args.cases} cases): {'met' if time_ok else 'MISSED'}")
    print(f"memory target (peak < {TARGET_MB:g} MB): {'met' if memory_ok else 'MISSED'}")
    for problem in problems:
        print(f"output check FAILED: {problem}")
    if not problems:
        print(f"output check: {args.cases} lines, {invalid} errors, exit status as the contract says")
    return 0 if time_ok and memory_ok and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
