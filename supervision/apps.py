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
        from django.db.models.signals import post_save

        from eligibility.models import Decision
        from eligibility.signals import decision_recorded, decision_viewed

        from . import sampling, tallies
        from .models import Review

        decision_recorded.connect(sampling.on_decision_recorded, dispatch_uid="supervision.sampling")
        # The reports' tallies count every saved decision and review, not only those recorded
        # through the services (see tallies.py).
        post_save.connect(tallies.on_decision_saved, sender=Decision, dispatch_uid="supervision.tally_decision")
        post_save.connect(tallies.on_review_saved, sender=Review, dispatch_uid="supervision.tally_review")
        decision_viewed.connect(_log_view, dispatch_uid="supervision.log_view")
