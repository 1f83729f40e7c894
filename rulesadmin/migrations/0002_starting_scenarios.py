"""The starting set of golden scenarios: rulesadmin/data/golden_scenarios.jsonl (see data/README.md).

The row -> field mapping is written out here rather than imported, so that this migration gives
the same rows whatever later becomes of the app's code. Rows already present (same code) are left
as they are; reversing removes only the codes this file ships.
"""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "golden_scenarios.jsonl"


def _rows():
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def load(apps, schema_editor):
    GoldenScenario = apps.get_model("rulesadmin", "GoldenScenario")
    existing = set(GoldenScenario.objects.values_list("code", flat=True))
    GoldenScenario.objects.bulk_create([
        GoldenScenario(
            code=row["code"], title=row["title"], source=row.get("source", ""), notes=row.get("notes", ""),
            active=row.get("active", True), case=row["case"],
            expected_outcome=row["expected"]["outcome"],
            expected_not_met=row["expected"].get("not_met", []),
            expected_undetermined=row["expected"].get("undetermined", []),
            expected_work_permit_max_months=row["expected"].get("work_permit_max_months"),
            expected_spouse_open_work_permit=row["expected"].get("spouse_open_work_permit"),
        )
        for row in _rows() if row["code"] not in existing
    ])


def unload(apps, schema_editor):
    GoldenScenario = apps.get_model("rulesadmin", "GoldenScenario")
    GoldenScenario.objects.filter(code__in=[row["code"] for row in _rows()]).delete()


class Migration(migrations.Migration):
    dependencies = [("rulesadmin", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
