"""Language: the officer's finding on English or French for the job."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .base import StepForm, yes_no


class LanguageForm(StepForm):
    yes_no_fields = ("offer_states_requirements", "requirements_met")

    satisfactory = forms.ChoiceField(
        label=_("Is the applicant's English or French adequate for the job?"),
        choices=[("yes", _("Yes")), ("no", _("No")), ("undecided", _("Not yet decided"))],
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(label=_("Evidence relied on"), required=False, max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("For example: interview, test results, studies in English."))
    offer_states_requirements = yes_no(_("Does the offer state language requirements?"))
    requirements_met = yes_no(_("If so, are they met?"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("offer_states_requirements") and data.get("requirements_met") is None:
            self.add_error("requirements_met", _("Say whether the offer's language requirements are met."))
        if data.get("offer_states_requirements") is False:
            data["requirements_met"] = None
        return data
