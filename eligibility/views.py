"""Pages. Thin adapters: they read through selectors and the snapshot, and hold no rule."""

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eligibility.snapshot import ruleset_on
from occupations import selectors


class RulesDateForm(forms.Form):
    on = forms.DateField(
        label=_("On"), required=False, input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD, for example 2025-03-03.")},
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def rules_in_force(request):
    """The rules in force on a date (today unless ``?on=YYYY-MM-DD``) and their version."""
    form = RulesDateForm(request.GET or None)
    day = form.cleaned_data["on"] if form.is_valid() and form.cleaned_data["on"] else timezone.localdate()
    ruleset = ruleset_on(day)
    context = {
        "form": form,
        "day": day,
        "rules_version": ruleset.version,
        "countries": selectors.countries_in_force(day),
        "listing_counts": selectors.listing_counts(day),
    }
    return render(request, "eligibility/rules_in_force.html", context)
