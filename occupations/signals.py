"""Any saved or deleted rule row moves the rules stamp, so cached rule sets are rebuilt."""

from django.db.models.signals import post_delete, post_save


def _bump(sender, **kwargs):
    from . import wordings
    from .models import RulesStamp

    RulesStamp.bump()
    wordings.forget()  # the words shown from the rows, read again at the next lookup


def connect():
    from . import models as m

    for model in (m.Country, m.UnitGroup, m.Noc2016Link, m.CategoryRule, m.Listing, m.Regulation, m.WageRate):
        post_save.connect(_bump, sender=model, dispatch_uid=f"rules-stamp-save-{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"rules-stamp-delete-{model.__name__}")
