"""The assessment's own codes: stored as codes, shown through these translated labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficerDecision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REFUSE = "refuse", _("Refuse")
    REQUEST_INFORMATION = "request_information", _("Request more information")


class DepartureReason(models.TextChoices):
    """Why an officer's decision departs from the indicative outcome."""

    EQUIVALENCE_JUDGED = "equivalence_judged", _("Equivalence of studies or credentials judged on the evidence")
    EVIDENCE_NOT_CAPTURED = "evidence_not_captured", _("Evidence on file that the criteria do not capture")
    GENUINENESS = "genuineness", _("Doubts about the genuineness of the offer or documents")
    OTHER_REQUIREMENTS = "other_requirements", _("Other requirements of the Act and Regulations")
    OTHER = "other", _("Other (explain in the written reason)")


class PlaceOfApplication(models.TextChoices):
    OUTSIDE_CANADA = "outside_canada", _("Outside Canada")
    PORT_OF_ENTRY = "port_of_entry", _("At a port of entry")
    INSIDE_CANADA = "inside_canada", _("Inside Canada")


class Source(models.TextChoices):
    WIZARD = "wizard", _("Assessment wizard")
    BATCH = "batch", _("Batch command (manage.py assess --record)")
