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
        # After every migrate, the role groups match config/roles.py. Sent for the rule-data app,
        # after auth has created that app's permissions (auth's handler is connected first).
        from django.apps import apps

        post_migrate.connect(_sync_roles, sender=apps.get_app_config("occupations"),
                             dispatch_uid="eligibility.sync_roles")
