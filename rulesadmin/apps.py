from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesAdminConfig(AppConfig):
    """Rules administration: golden scenarios, the impact preview of a change set, and the
    rules admins' pages around the rule data (which lives in ``occupations``)."""

    name = "rulesadmin"
    verbose_name = _("Rules administration")

    def ready(self):
        from . import changeset_admin  # noqa: F401  registers the change sets' admin
