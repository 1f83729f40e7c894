from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OccupationsConfig(AppConfig):
    name = "occupations"
    verbose_name = _("Rule data")

    def ready(self):
        from . import signals

        signals.connect()
