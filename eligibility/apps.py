from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs):
    from config.roles import sync_groups

    sync_groups()


class EligibilityConfig(AppConfig):
    name = "eligibility"
    verbose_name = _("Assessments")

    def ready(self):
        # After every migrate, the role groups match config/roles.py: on the signal for the last
        # installed app, once auth has created every app's permissions.
        from django.apps import apps

        post_migrate.connect(_sync_roles, sender=list(apps.get_app_configs())[-1], dispatch_uid="eligibility.sync_roles")
