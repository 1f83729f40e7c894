"""Remuneration: the monetary wage, non-monetary elements apart, and the prevailing wage.

An amount above the plausible bounds (settings.PLAUSIBLE_HOURLY_WAGE_MAX, ..._YEARLY_AMOUNT_MAX)
is saved only once the officer confirms it: a check on slips of the keyboard, not a rule.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from eligibility.reasons import money_text
from eligibility.rulebook.codes import WageUnit
from eligibility.rulebook.facts import WEEKS_PER_YEAR, Money
from occupations import choices

from .base import StepForm

UNITS = list(choices.WAGE_UNIT.items())
# Amounts per their unit (held to the hourly bound at the offer's hours), and amounts a year.
WAGES = (("amount", "unit"), ("prevailing_amount", "prevailing_unit"), ("prevailing_low", "prevailing_unit"))
YEARLY = ("housing", "travel", "other")
CONFIRM = _("I have checked the amounts above: they are right")


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

    confirm_amounts = forms.BooleanField(label=CONFIRM, required=False)

    def __init__(self, *args, published=True, **kwargs):
        """``published``: the wage table has a prevailing wage for the occupation where the work
        is performed. Without one the officer's figures are the comparator: asked, with their source.
        The confirmation of amounts is asked only of a posted form with an implausible amount."""
        super().__init__(*args, **kwargs)
        self.published = published
        if not (self.is_bound and self.implausible(self._typed())):
            del self.fields["confirm_amounts"]
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

    def _typed(self) -> dict:
        """The posted figures as their fields read them (None where they cannot)."""
        values = {}
        for name in ("unit", "hours_per_week", "prevailing_override", "prevailing_unit", *dict(WAGES), *YEARLY):
            if name in self.fields:
                try:
                    values[name] = self.fields[name].to_python(self[name].data)
                except (forms.ValidationError, ArithmeticError, TypeError, ValueError):
                    values[name] = None
        return values

    def implausible(self, values: dict) -> dict[str, str]:
        """Field → why its amount needs the officer's confirmation, for the amounts that count:
        the wage, the non-monetary elements, and the officer's prevailing wage when used."""
        hourly_max, yearly_max = settings.PLAUSIBLE_HOURLY_WAGE_MAX, settings.PLAUSIBLE_YEARLY_AMOUNT_MAX
        hours = values.get("hours_per_week")
        used = ("amount",) if self.published and not values.get("prevailing_override") else dict(WAGES)
        found = {}
        for name, unit_name in WAGES:
            amount, unit = values.get(name), values.get(unit_name)
            if name not in used or not amount or not amount.is_finite() or unit not in set(WageUnit):
                continue
            unit = WageUnit(unit)
            if unit is WageUnit.HOUR:
                hourly = float(amount)
            elif hours and hours.is_finite() and hours > 0:  # as the engine compares wages (the contract)
                hourly = Money(float(amount), unit).per_year(float(hours)) / (float(hours) * WEEKS_PER_YEAR)
            else:
                continue
            if hourly > hourly_max:
                found[name] = _(
                    "%(amount)s %(unit)s is more than %(bound)s an hour at the offer's hours, far above what is usual. "
                    "Check the figure; if it is right, tick “%(confirm)s”.") % {
                    "amount": money_text(amount), "unit": choices.WAGE_UNIT[unit], "bound": money_text(hourly_max),
                    "confirm": CONFIRM}
        for name in YEARLY:
            amount = values.get(name)
            if amount and amount.is_finite() and amount > yearly_max:
                found[name] = _(
                    "%(amount)s a year is more than %(bound)s a year, far above what is usual. Check the figure; if "
                    "it is right, tick “%(confirm)s”.") % {
                    "amount": money_text(amount), "bound": money_text(yearly_max), "confirm": CONFIRM}
        return found

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
        implausible = {name: why for name, why in self.implausible(data).items() if name not in self.errors}
        if implausible and not data.get("confirm_amounts"):
            self.fields.setdefault("confirm_amounts", forms.BooleanField(label=CONFIRM, required=False))
            for name, why in implausible.items():
                self.add_error(name, why)
        self.confirmed = bool(implausible)
        return data

    def answers(self) -> dict:
        """The answers; ``amounts_confirmed`` when the officer confirmed an implausible amount."""
        answers = super().answers()
        answers.pop("confirm_amounts", None)
        if self.confirmed:
            answers["amounts_confirmed"] = True
        return answers
