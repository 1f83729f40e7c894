"""The rules stamp's one row, so processes can cache the rules from the first request on."""

import uuid

from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("occupations", "RulesStamp").objects.get_or_create(pk=1, defaults={"token": uuid.uuid4()})


class Migration(migrations.Migration):
    dependencies = [("occupations", "0003_rules_stamp")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
