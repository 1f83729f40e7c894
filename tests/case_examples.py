"""A valid case in the contract's format, to vary in tests (the public example P01's shape)."""

import copy
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO.parent / "shared" / "contract" / "examples"

BASE_CASE = {
    "reference": "BASE",
    "country": "MX",
    "status": "citizen",
    "category": "professional",
    "noc_code": "21300",
    "province": "BC",
    "regulated": True,
    "licensed": True,
    "education": {"credential": "bachelor", "years": 4, "country": "MX", "related_field": True},
    "experience_months": 30,
    "language": {"satisfactory": True},
    "wage": {"amount": 92000, "unit": "year", "hours_per_week": 40},
    "prevailing_wage": {"amount": 41.5, "unit": "hour", "low": 30},
    "offer_number": "A7654321",
    "compliance_fee_paid": True,
    "employment_months": 12,
    "documents": {"job_description": True, "duration": True, "payment_arrangements": True, "credentials": True},
}


def case(**changes) -> dict:
    """BASE_CASE with top-level fields replaced; nested dicts are merged one level deep."""
    result = copy.deepcopy(BASE_CASE)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = {**result[key], **value}
        else:
            result[key] = value
    return result


def public_examples():
    cases = [json.loads(line) for line in (EXAMPLES / "cases.jsonl").read_text().splitlines() if line.strip()]
    expected = [json.loads(line) for line in (EXAMPLES / "expected.jsonl").read_text().splitlines() if line.strip()]
    return cases, expected
