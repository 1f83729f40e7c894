from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _log_view(sender, decision, user, **kwargs):
    from .models import AccessEvent
    from .services import log

    log(user, AccessEvent.Action.VIEW, decision.pk)


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision")

    def ready(self):
        from eligibility.signals import decision_recorded, decision_viewed

        from . import sampling

        decision_recorded.connect(sampling.on_decision_recorded, dispatch_uid="supervision.sampling")
        decision_viewed.connect(_log_view, dispatch_uid="supervision.log_view")
