"""``manage.py rebuild_report_tallies``: recount the reports' tallies from the decisions and reviews.

Every decision or review saved through Django adds itself to the tallies (supervision/tallies.py).
Rows loaded behind the app's back (``bulk_create``, ``loaddata``, SQL, a restored table) do not:
run this after loading them. One GROUP BY per tally, in one transaction; on PostgreSQL, decisions
recorded meanwhile wait for it to finish (about 10 s for a million decisions on a 2-core machine).
"""

import time

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from supervision import tallies


class Command(BaseCommand):
    help = "Recount the reports' tallies of decisions and reviews from scratch."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="the database to rebuild (default: default)")

    def handle(self, *args, database, **options):
        started = time.perf_counter()
        decisions, reviews = tallies.rebuild(using=database)
        self.stdout.write(f"{decisions} decision tallies, {reviews} review tallies in "
                          f"{time.perf_counter() - started:.1f} s")
