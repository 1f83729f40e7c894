"""Statistics Canada's NOC classification structure CSV: reading it and loading its unit groups.

The file is the one StatCan publishes for NOC 2021 V1.0 (and future revisions): columns
"Level", "Hierarchical structure", "Code - NOC 2021 V1.0", "Class title", "Class definition"; the
French file ("Niveau", "Structure hiérarchique", "Code - CNP 2021 V1.0", "Titre de la classe", …)
fills the French titles. Unit groups (level 5) are created or their titles updated; nothing is
deleted, and codes on file but absent from the import are listed.

One home for this logic: ``manage.py import_noc`` and the unit groups' admin page both use it, so
a file is read, previewed and loaded the same way from either.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from .models import NOC_CODE, UnitGroup

ENGLISH = {"level": "Level", "code": "Code - NOC 2021 V1.0", "title": "Class title"}
FRENCH = {"level": "Niveau", "code": "Code - CNP 2021 V1.0", "title": "Titre de la classe"}
UNIT_GROUP_LEVEL = "5"


class StructureFileError(ValueError):
    """The file as a whole is not a classification structure file (its rows were not read)."""


def _decode(raw: bytes) -> str:
    # StatCan's English file is UTF-8 with a BOM; the French one has been published in Windows-1252.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise StructureFileError(_("The file is neither UTF-8 nor Windows-1252 text: save it as CSV (UTF-8) and try again."))


def read_structure(raw: bytes) -> tuple[str, dict[str, str], list[str]]:
    """(language, {code: title} for the unit groups, row errors) from the file's bytes."""
    reader = csv.DictReader(io.StringIO(_decode(raw)))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    matches = [(lang, cols) for lang, cols in (("en", ENGLISH), ("fr", FRENCH))
               if all(c in header for c in cols.values())]
    if not matches:
        raise StructureFileError(
            _("Not a NOC classification structure file: expected the columns %(expected)s (or their French "
              "names); found %(found)s.") % {"expected": ", ".join(ENGLISH.values()),
                                              "found": ", ".join(header) or _("none")})
    language, columns = matches[0]
    titles, errors = {}, []
    for line, row in enumerate(reader, start=2):
        if (row.get(columns["level"]) or "").strip() != UNIT_GROUP_LEVEL:
            continue
        # A spreadsheet drops the leading zeros of codes like 00010: put them back.
        code = (row.get(columns["code"]) or "").strip().zfill(5)
        title = (row.get(columns["title"]) or "").strip()
        if not NOC_CODE.match(code):
            errors.append(_("line %(line)d: %(code)r is not a 5-digit unit-group code")
                          % {"line": line, "code": row.get(columns["code"])})
        elif not title:
            errors.append(_("line %(line)d: unit group %(code)s has no title") % {"line": line, "code": code})
        elif code in titles:
            errors.append(_("line %(line)d: unit group %(code)s appears twice") % {"line": line, "code": code})
        else:
            titles[code] = title
    return language, titles, errors


@dataclass
class Plan:
    """What loading the titles does to the unit groups on file: the codes it creates, the titles it
    changes (code, title now, title after), how many it leaves as they are, and the codes on file
    the import does not mention (kept: a unit group is never deleted by an import)."""

    language: str
    titles: dict[str, str]
    new: list[str] = field(default_factory=list)
    changed: list[tuple[str, str, str]] = field(default_factory=list)
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)

    @property
    def title_field(self) -> str:
        return "title_en" if self.language == "en" else "title_fr"


def plan(language: str, titles: dict[str, str]) -> Plan:
    """What loading would do, without writing anything (the dry run)."""
    result = Plan(language, titles)
    existing = dict(UnitGroup.objects.values_list("code", result.title_field))
    for code, title in titles.items():
        if code not in existing:
            result.new.append(code)
        elif existing[code] != title:
            result.changed.append((code, existing[code], title))
        else:
            result.unchanged += 1
    result.missing = sorted(set(existing) - set(titles))
    return result


@transaction.atomic
def load(language: str, titles: dict[str, str], *, valid_from: date | None = None, source: str) -> Plan:
    """Create the new unit groups (in force from ``valid_from``, default today) and update the
    changed titles, in one transaction. The plan is worked out again here, inside the transaction,
    so a preview made a while ago never overwrites a title changed since."""
    done = plan(language, titles)
    field_name = done.title_field
    for code in done.new:
        UnitGroup.objects.create(code=code, valid_from=valid_from or date.today(), source=source,
                                 **{field_name: titles[code]})
    groups = UnitGroup.objects.select_for_update().in_bulk([code for code, _old, _new in done.changed],
                                                            field_name="code")
    for code, _old, title in done.changed:
        group = groups[code]
        setattr(group, field_name, title)
        group.save(update_fields=[field_name])  # one save per group: each change is in its history
    return done
