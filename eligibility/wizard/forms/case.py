"""Case: who applies, from where, under which category."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eligibility.choices import PlaceOfApplication
from occupations import choices

from .base import StepForm, country_choices, date_field, yes_no


class CaseForm(StepForm):
    yes_no_fields = ("spouse", "extension")

    application_number = forms.CharField(
        label=_("Application number"), max_length=20,
        help_text=_("As in the case-management system, for example W301234567."),
    )
    uci = forms.CharField(label=_("UCI"), max_length=14,
                          help_text=_("Unique client identifier: 8 or 10 digits. Spaces and hyphens are ignored."))
    applicant_name = forms.CharField(label=_("Applicant's name"), max_length=200)
    received_on = date_field(_("Date the application was received"),
                             _("The rules in force on this date apply. For example 2025-03-03."))
    place_of_application = forms.ChoiceField(label=_("Place of application"), choices=PlaceOfApplication.choices,
                                             widget=forms.RadioSelect)
    country = forms.ChoiceField(label=_("Country of citizenship or permanent residence"), choices=())
    status = forms.ChoiceField(label=_("Status in that country"), choices=list(choices.STATUS.items()),
                               widget=forms.RadioSelect)
    category = forms.ChoiceField(label=_("Category applied under"), choices=list(choices.CATEGORY.items()),
                                 widget=forms.RadioSelect)
    passport_expiry = date_field(_("Passport expiry date"), _("The permit cannot outlast it. For example 2029-06-30."))
    spouse = yes_no(_("Accompanying spouse or common-law partner?"))
    extension = yes_no(_("Is this an extension of a CPTPP work permit?"),
                       _("The applicant holds a work permit as a CPTPP professional or technician and asks to "
                         "extend it."))

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices(first=parties)

    def clean_uci(self):
        digits = re.sub(r"[\s-]", "", self.cleaned_data["uci"])
        if not re.fullmatch(r"[0-9]{8}([0-9]{2})?", digits):
            raise forms.ValidationError(_("Enter the UCI as 8 or 10 digits, for example 1234-5678."))
        return digits

    def clean_application_number(self):
        value = self.cleaned_data["application_number"].strip().upper()
        if not re.fullmatch(r"[A-Z0-9]{1,20}", value):
            raise forms.ValidationError(_("Use letters and digits only, for example W301234567."))
        return value

    def clean_passport_expiry(self):
        day = self.cleaned_data["passport_expiry"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The passport has expired: no permit can be issued on it."))
        return day

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date received cannot be in the future."))
        return day
