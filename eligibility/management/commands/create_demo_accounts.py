"""Create the demo accounts for a local run (refused unless DEBUG is on)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from config.roles import OFFICER, RULES_ADMIN, SUPERVISOR

# Username, password, role. Documented in the README; for a developer's machine only.
DEMO_ACCOUNTS = (
    ("officer", "officer-demo-2026", OFFICER),
    ("supervisor", "supervisor-demo-2026", SUPERVISOR),
    ("rulesadmin", "rulesadmin-demo-2026", RULES_ADMIN),
    ("rulesadmin2", "rulesadmin2-demo-2026", RULES_ADMIN),  # a change set needs a second admin to approve it
)


class Command(BaseCommand):
    help = "Create (or reset) the demo officer, supervisor and rules admin accounts. Local use only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for local runs only: DEBUG is off.")
        User = get_user_model()
        for username, password, role in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.is_staff = role.staff
            user.save()
            user.groups.set([Group.objects.get(name=role.group_name)])
            self.stdout.write(f"{username} / {password} ({role.group_name})")
