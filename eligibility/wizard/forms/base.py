"""What every step form shares: answers as plain JSON, yes/no radios, friendly field errors."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import RefuseControlCharacters, TextLimits
from occupations.country_names import countries_by_name

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes_no(label, help_text="", required=True):
    """A yes/no question as radios in a fieldset; answers true or false."""
    return forms.TypedChoiceField(
        label=label, help_text=help_text, required=required, choices=YES_NO, widget=forms.RadioSelect,
        coerce=lambda v: v == "yes", empty_value=None,
        error_messages={"required": _("Answer yes or no.")},
    )


def as_yes_no(value):
    """A saved true/false shown back in yes/no radios."""
    return {True: "yes", False: "no"}.get(value, value)


def country_choices(first=()):
    """ISO 3166-1 countries by name in the active language, the parties to the commitments first."""
    countries = countries_by_name()
    head = [(code, name) for code, name in countries if code in first]
    rest = [(code, name) for code, name in countries if code not in first]
    return [("", _("Choose a country"))] + head + rest


def date_field(label, help_text="", required=True):
    return forms.DateField(
        label=label, help_text=help_text or _("For example 2025-03-03."), required=required,
        input_formats=["%Y-%m-%d"], widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD, for example 2025-03-03.")},
    )


def plain(value):
    """A cleaned value as plain JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


class StepForm(TextLimits, RefuseControlCharacters, forms.Form):
    """A step's form. ``answers()`` is what the step saves; ``initial_from`` reads it back."""

    yes_no_fields: tuple[str, ...] = ()

    def answers(self) -> dict:
        return {name: plain(value) for name, value in self.cleaned_data.items()}

    @classmethod
    def initial_from(cls, saved: dict) -> dict:
        return {k: as_yes_no(v) if k in cls.yes_no_fields else v for k, v in (saved or {}).items()}
