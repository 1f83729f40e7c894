"""``manage.py import_noc FILE``: load Statistics Canada's NOC classification structure CSV.

The file is the one StatCan publishes for NOC 2021 V1.0 (and future revisions): columns
"Level", "Hierarchical structure", "Code - NOC 2021 V1.0", "Class title", "Class definition"; the
French file ("Niveau", "Structure hiérarchique", "Code - CNP 2021 V1.0", "Titre de la classe", …)
fills the French titles. Unit groups (level 5) are created or their titles updated; nothing is
deleted, and codes on file but absent from the import are listed.
"""

import csv
import io
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from occupations.models import NOC_CODE, UnitGroup

ENGLISH = {"level": "Level", "code": "Code - NOC 2021 V1.0", "title": "Class title"}
FRENCH = {"level": "Niveau", "code": "Code - CNP 2021 V1.0", "title": "Titre de la classe"}
UNIT_GROUP_LEVEL = "5"


def read_structure(raw: bytes) -> tuple[str, dict[str, str], list[str]]:
    """(language, {code: title} for the unit groups, row errors) from the file's bytes."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    matches = [(lang, cols) for lang, cols in (("en", ENGLISH), ("fr", FRENCH))
               if all(c in header for c in cols.values())]
    if not matches:
        raise CommandError(
            "Not a NOC classification structure file: expected the columns "
            f"{', '.join(ENGLISH.values())} (or their French names); found {', '.join(header) or 'none'}."
        )
    language, columns = matches[0]
    titles, errors = {}, []
    for line, row in enumerate(reader, start=2):
        if (row.get(columns["level"]) or "").strip() != UNIT_GROUP_LEVEL:
            continue
        code = (row.get(columns["code"]) or "").strip().zfill(5)
        title = (row.get(columns["title"]) or "").strip()
        if not NOC_CODE.match(code):
            errors.append(f"line {line}: {row.get(columns['code'])!r} is not a 5-digit unit-group code")
        elif not title:
            errors.append(f"line {line}: unit group {code} has no title")
        elif code in titles:
            errors.append(f"line {line}: unit group {code} appears twice")
        else:
            titles[code] = title
    return language, titles, errors


class Command(BaseCommand):
    help = "Load NOC unit groups (codes and titles) from Statistics Canada's classification structure CSV."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--valid-from", type=date.fromisoformat, default=None,
                            help="in-force date for new unit groups (YYYY-MM-DD; default today)")
        parser.add_argument("--source", default="Statistics Canada, NOC classification structure (import_noc)")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")

    def handle(self, *args, file, valid_from, source, dry_run, **options):
        try:
            with open(file, "rb") as f:
                raw = f.read()
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        language, titles, errors = read_structure(raw)
        if errors:
            raise CommandError("Nothing imported; fix these rows:\n" + "\n".join(errors))
        if not titles:
            raise CommandError("No unit groups (level 5 rows) found in the file.")
        field = "title_en" if language == "en" else "title_fr"
        created = updated = unchanged = 0
        with transaction.atomic():
            existing = {g.code: g for g in UnitGroup.objects.all()}
            for code, title in titles.items():
                group = existing.get(code)
                if group is None:
                    UnitGroup.objects.create(code=code, valid_from=valid_from or date.today(), source=source,
                                             title_en=title if language == "en" else "",
                                             title_fr=title if language == "fr" else "")
                    created += 1
                elif getattr(group, field) != title:
                    setattr(group, field, title)
                    group.save(update_fields=[field])
                    updated += 1
                else:
                    unchanged += 1
            if dry_run:
                transaction.set_rollback(True)
        missing = sorted(set(existing) - set(titles))
        verb = "would be" if dry_run else "were"
        self.stdout.write(f"{len(titles)} unit groups read ({'English' if language == 'en' else 'French'} titles): "
                          f"{created} {verb} created, {updated} {verb} updated, {unchanged} unchanged.")
        if missing:
            shown = ", ".join(missing[:20]) + (", …" if len(missing) > 20 else "")
            self.stdout.write(f"{len(missing)} unit groups on file are not in this import (kept): {shown}")
