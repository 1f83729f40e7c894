"""The shipped golden scenarios after issue 14, for databases that loaded the earlier set.

Issue 14 made the Canadian employer's letter a requirement for every Australian professional, so
the domain cases (tests/eligibility/test_domain_cases.py), which the shipped set follows, now give
Australian professionals ``employer_letter: true`` (E02, the case without it, says ``false``); and
five cases the contract can now express were added (W05, P06, P10, P11, S05). 0002 loads
rulesadmin/data/golden_scenarios.jsonl as it is when it runs, so a database migrated before this
holds the earlier version of the nine changed scenarios and lacks the five new ones.

For each changed code, the row is updated to the new case and expected fields only if its case and
expected fields are still exactly what 0002 loaded (BEFORE, the data file at f994899); a row a rules
admin changed, or one already current (a database created after this change), is left alone; the
update does not touch title, source, notes or active. A new code is added unless the code is
already present. Reversing puts BEFORE back on rows still as AFTER and removes the added scenarios
that are still exactly as shipped (notes and title included).

Both versions are frozen here, and the row -> field mapping is written out, so that this migration
gives the same result whatever later becomes of the data file or the app's code.
"""

import json

from django.db import migrations

# What 0002 loaded for the scenarios this migration changes: code, case and expected, as in
# rulesadmin/data/golden_scenarios.jsonl at f994899. Only their cases differ from AFTER.
BEFORE = r"""
{"code": "C01", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03"}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
{"code": "C08", "case": {"reference": "BASE", "country": "AU", "status": "permanent_resident", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03"}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
{"code": "E02", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 3, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03"}, "expected": {"outcome": "not_eligible", "not_met": ["education"], "undetermined": [], "work_permit_max_months": 12}}
{"code": "X01", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "31301", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03"}, "expected": {"outcome": "not_eligible", "not_met": ["occupation"], "undetermined": [], "work_permit_max_months": 12}}
{"code": "X03", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "41101", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03"}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
{"code": "X07", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "41100", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03"}, "expected": {"outcome": "not_eligible", "not_met": ["occupation"], "undetermined": [], "work_permit_max_months": 12}}
{"code": "X10", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "50012", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03"}, "expected": {"outcome": "not_eligible", "not_met": ["occupation"], "undetermined": [], "work_permit_max_months": 12}}
{"code": "X14", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "21101", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "position": {"researcher": true}}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
{"code": "G03", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03"}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
"""

# What they become: the same lines of the data file as this migration ships it.
AFTER = r"""
{"code": "C01", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "employer_letter": true}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
{"code": "C08", "case": {"reference": "BASE", "country": "AU", "status": "permanent_resident", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "employer_letter": true}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
{"code": "E02", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 3, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "employer_letter": false}, "expected": {"outcome": "not_eligible", "not_met": ["education"], "undetermined": [], "work_permit_max_months": 12}}
{"code": "X01", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "31301", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "employer_letter": true}, "expected": {"outcome": "not_eligible", "not_met": ["occupation"], "undetermined": [], "work_permit_max_months": 12}}
{"code": "X03", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "41101", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "employer_letter": true}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
{"code": "X07", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "41100", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "employer_letter": true}, "expected": {"outcome": "not_eligible", "not_met": ["occupation"], "undetermined": [], "work_permit_max_months": 12}}
{"code": "X10", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "50012", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "employer_letter": true}, "expected": {"outcome": "not_eligible", "not_met": ["occupation"], "undetermined": [], "work_permit_max_months": 12}}
{"code": "X14", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "21101", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "position": {"researcher": true}, "employer_letter": true}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
{"code": "G03", "case": {"reference": "BASE", "country": "AU", "status": "citizen", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "AU", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "employer_letter": true}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
"""

# The scenarios new with this migration, whole lines of the data file as it ships them.
ADDED = r"""
{"code": "W05", "title": "ER median suppressed (\"n/a\"), Ontario provincial median present", "source": "Domain brief §9.6", "notes": "Expected (brief): Comparator = provincial row (prov=ON, ER35) and recorded. Written as tests/eligibility/test_domain_cases.py writes it.", "case": {"reference": "BASE", "country": "MX", "status": "citizen", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "MX", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 90.0, "unit": "hour", "hours_per_week": 40}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2026-01-05", "economic_region": "ER3530"}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
{"code": "P06", "title": "Extension request with new Portal offer + contract-extension justification", "source": "Domain brief §9.8", "notes": "Expected (brief): Officer discretion — allow. Written as tests/eligibility/test_domain_cases.py writes it.", "case": {"reference": "BASE", "country": "MX", "status": "citizen", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "MX", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "extension": true, "extension_need_shown": true}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
{"code": "P10", "title": "Application received 2022-11-15", "source": "Domain brief §9.8", "notes": "Expected (brief): Classify with NOC 2016 (0/A/B). Written as tests/eligibility/test_domain_cases.py writes it.", "case": {"reference": "BASE", "country": "MX", "status": "citizen", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "MX", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2022-11-15"}, "expected": {"outcome": "needs_officer_review", "not_met": [], "undetermined": ["occupation"], "work_permit_max_months": 12}}
{"code": "P11", "title": "Application received 2022-11-16", "source": "Domain brief §9.8", "notes": "Expected (brief): Classify with NOC 2021 (TEER 0/1 for professionals). Written as tests/eligibility/test_domain_cases.py writes it.", "case": {"reference": "BASE", "country": "MX", "status": "citizen", "category": "professional", "noc_code": "21231", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "MX", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2022-11-16"}, "expected": {"outcome": "eligible", "not_met": [], "undetermined": [], "work_permit_max_months": 12}}
{"code": "S05", "title": "Spouse of a T52 principal whose own T52 application was refused", "source": "Domain brief §9.9", "notes": "Expected (brief): REFUSE — no qualifying principal. Written as tests/eligibility/test_domain_cases.py writes it.", "case": {"reference": "BASE", "country": "JP", "status": "citizen", "category": "professional", "noc_code": "31301", "province": "ON", "regulated": false, "licensed": false, "education": {"credential": "bachelor", "years": 4, "country": "JP", "related_field": true}, "experience_months": 36, "language": {"satisfactory": true}, "wage": {"amount": 52.0, "unit": "hour", "hours_per_week": 40}, "prevailing_wage": {"amount": 50.0, "unit": "hour", "low": 30.0}, "offer_number": "A1234567", "compliance_fee_paid": true, "employment_months": 12, "documents": {"job_description": true, "duration": true, "payment_arrangements": true, "credentials": true}, "received_on": "2025-03-03", "spouse": true}, "expected": {"outcome": "not_eligible", "not_met": ["occupation"], "undetermined": [], "work_permit_max_months": 12, "spouse_open_work_permit": false}}
"""


def _rows(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _fields(row):
    """The model's case and expected fields for a data-file row (as 0002 maps them)."""
    expected = row["expected"]
    return {
        "case": row["case"],
        "expected_outcome": expected["outcome"],
        "expected_not_met": expected.get("not_met", []),
        "expected_undetermined": expected.get("undetermined", []),
        "expected_work_permit_max_months": expected.get("work_permit_max_months"),
        "expected_spouse_open_work_permit": expected.get("spouse_open_work_permit"),
    }


def _descriptive(row):
    return {"title": row["title"], "source": row.get("source", ""), "notes": row.get("notes", ""),
            "active": row.get("active", True)}


def _unchanged(scenario, fields):
    return all(getattr(scenario, name) == value for name, value in fields.items())


def _replace(apps, old_text, new_text):
    GoldenScenario = apps.get_model("rulesadmin", "GoldenScenario")
    new = {row["code"]: _fields(row) for row in _rows(new_text)}
    for row in _rows(old_text):
        scenario = GoldenScenario.objects.filter(code=row["code"]).first()
        if scenario is None or not _unchanged(scenario, _fields(row)):
            continue  # deleted or edited by a rules admin, or already the other version
        for name, value in new[row["code"]].items():
            setattr(scenario, name, value)
        scenario.save(update_fields=[*new[row["code"]], "updated_at"])


def forwards(apps, schema_editor):
    _replace(apps, BEFORE, AFTER)
    GoldenScenario = apps.get_model("rulesadmin", "GoldenScenario")
    existing = set(GoldenScenario.objects.values_list("code", flat=True))
    GoldenScenario.objects.bulk_create([
        GoldenScenario(code=row["code"], **_descriptive(row), **_fields(row))
        for row in _rows(ADDED) if row["code"] not in existing
    ])


def backwards(apps, schema_editor):
    _replace(apps, AFTER, BEFORE)
    GoldenScenario = apps.get_model("rulesadmin", "GoldenScenario")
    for row in _rows(ADDED):  # removed only if nothing of it was changed, notes included
        scenario = GoldenScenario.objects.filter(code=row["code"]).first()
        if scenario is not None and _unchanged(scenario, {**_fields(row), **_descriptive(row)}):
            scenario.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("rulesadmin", "0002_starting_scenarios"),
        ("occupations", "0010_classification_change_set"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
