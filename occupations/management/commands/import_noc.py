"""``manage.py import_noc FILE``: load Statistics Canada's NOC classification structure CSV.

The file's format, and how it is read and loaded, are in ``occupations.noc_import`` (shared with
the unit groups' admin page). Unit groups (level 5) are created or their titles updated; nothing
is deleted, and codes on file but absent from the import are listed.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from occupations import noc_import


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
        try:
            language, titles, errors = noc_import.read_structure(raw)
        except noc_import.StructureFileError as exc:
            raise CommandError(str(exc)) from exc
        if errors:
            raise CommandError("Nothing imported; fix these rows:\n" + "\n".join(errors))
        if not titles:
            raise CommandError("No unit groups (level 5 rows) found in the file.")
        if dry_run:
            done = noc_import.plan(language, titles)
        else:
            done = noc_import.load(language, titles, valid_from=valid_from, source=source)
        verb = "would be" if dry_run else "were"
        self.stdout.write(f"{len(titles)} unit groups read ({'English' if language == 'en' else 'French'} titles): "
                          f"{len(done.new)} {verb} created, {len(done.changed)} {verb} updated, "
                          f"{done.unchanged} unchanged.")
        if done.missing:
            shown = ", ".join(done.missing[:20]) + (", …" if len(done.missing) > 20 else "")
            self.stdout.write(f"{len(done.missing)} unit groups on file are not in this import (kept): {shown}")
