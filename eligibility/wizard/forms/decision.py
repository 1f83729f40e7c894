"""Decision: the officer's decision on the indicative outcome, with reasons where it departs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eligibility.choices import DepartureReason, OfficerDecision
from eligibility.services import departs_from

from .base import StepForm


class DecisionForm(StepForm):
    decision = forms.ChoiceField(label=_("Your decision"), choices=OfficerDecision.choices, widget=forms.RadioSelect)
    departure_reason_code = forms.ChoiceField(
        label=_("Reason for departing from the indicative outcome"), required=False,
        choices=[("", _("Choose a reason"))] + DepartureReason.choices)
    departure_reason = forms.CharField(label=_("Written reason"), required=False, max_length=4000,
                                       widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 4}))
    correction_reason = forms.CharField(
        label=_("Why the earlier decision is corrected"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why the earlier decision is being corrected.")})

    def __init__(self, *args, outcome, correcting=False, **kwargs):
        """``correcting``: the draft corrects a recorded decision, and says why."""
        super().__init__(*args, **kwargs)
        self.outcome = outcome
        if not correcting:
            del self.fields["correction_reason"]

    def clean(self):
        data = super().clean()
        choice = data.get("decision")
        if choice and departs_from(self.outcome, OfficerDecision(choice)):
            if not data.get("departure_reason_code"):
                self.add_error("departure_reason_code",
                               _("Your decision departs from the indicative outcome: choose a reason."))
            if not (data.get("departure_reason") or "").strip():
                self.add_error("departure_reason",
                               _("Your decision departs from the indicative outcome: write the reason."))
        return data
