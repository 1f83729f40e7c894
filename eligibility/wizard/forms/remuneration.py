"""Remuneration: the monetary wage, non-monetary elements apart, and the prevailing wage."""

from django import forms
from django.utils.translation import gettext_lazy as _

from occupations import choices

from .base import StepForm

UNITS = list(choices.WAGE_UNIT.items())


def money(label, required=True, help_text=""):
    return forms.DecimalField(label=label, required=required, min_value=0, max_value=10_000_000, decimal_places=2,
                              help_text=help_text)


class RemunerationForm(StepForm):
    amount = money(_("Monetary wage offered"))
    unit = forms.ChoiceField(label=_("Per"), choices=UNITS)
    hours_per_week = forms.DecimalField(label=_("Hours a week"), min_value=1, max_value=168, decimal_places=1)
    housing = money(_("Housing (a year)"), required=False, help_text=_("Non-monetary: shown, never counted."))
    travel = money(_("Travel (a year)"), required=False, help_text=_("Non-monetary: shown, never counted."))
    other = money(_("Other non-monetary elements (a year)"), required=False)
    other_description = forms.CharField(label=_("What the other elements are"), required=False, max_length=300)
    prevailing_override = forms.BooleanField(
        label=_("Use another prevailing wage than the wage table's"), required=False)
    prevailing_amount = money(_("Prevailing wage (median)"), required=False)
    prevailing_unit = forms.ChoiceField(label=_("Per"), choices=UNITS, required=False)
    prevailing_low = money(_("Low wage"), required=False)
    prevailing_reason = forms.CharField(label=_("Reason for another prevailing wage"), required=False,
                                        max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, published=True, **kwargs):
        """``published``: the wage table has a prevailing wage for the occupation where the work
        is performed. Without one the officer's figures are the comparator: asked, with their source."""
        super().__init__(*args, **kwargs)
        self.published = published
        if not published:
            del self.fields["prevailing_override"]
            for name, message in (
                    ("prevailing_amount", _("No prevailing wage is published for this occupation: enter the one you "
                                            "rely on.")),
                    ("prevailing_reason", _("Give the source of the prevailing wage."))):
                self.fields[name].required = True
                self.fields[name].error_messages["required"] = message
            self.fields["prevailing_reason"].label = _("Source of the prevailing wage")
            self.fields["prevailing_reason"].help_text = _(
                "Where the figures come from, for example a provincial wage survey, its year and region.")

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError(_("Enter an amount greater than 0."))
        return amount

    def clean(self):
        data = super().clean()
        if not self.published:
            data["prevailing_override"] = True  # the officer's figures are the only comparator
        if data.get("prevailing_override"):
            if not data.get("prevailing_amount") and "prevailing_amount" not in self.errors:
                self.add_error("prevailing_amount", _("Enter the prevailing (median) wage used instead."))
            if not data.get("prevailing_unit"):
                self.add_error("prevailing_unit", _("Say what the prevailing wage is per."))
            if not (data.get("prevailing_reason") or "").strip() and "prevailing_reason" not in self.errors:
                self.add_error("prevailing_reason", _("Give the reason for another prevailing wage."))
            low, median = data.get("prevailing_low"), data.get("prevailing_amount")
            if low and median and low > median:
                self.add_error("prevailing_low", _("The low wage cannot be above the median."))
        if data.get("other") and not (data.get("other_description") or "").strip():
            self.add_error("other_description", _("Say what the other non-monetary elements are."))
        return data
