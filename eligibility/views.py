"""Pages. Thin adapters: they read through selectors and the snapshot, and hold no rule."""


from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from eligibility.snapshot import ruleset_on
from occupations import selectors


def rules_in_force(request):
    """The rules in force on a date (today unless ``?on=YYYY-MM-DD``) and their version."""
    raw = request.GET.get("on", "")
    day = parse_date(raw) if raw else None
    error = ""
    if raw and day is None:
        error = _("Enter the date as YYYY-MM-DD, for example 2025-03-03.")
    day = day or timezone.localdate()
    ruleset = ruleset_on(day)
    context = {
        "day": day,
        "raw_day": raw or day.isoformat(),
        "error": error,
        "rules_version": ruleset.version,
        "countries": selectors.countries_in_force(day),
        "listing_counts": selectors.listing_counts(day),
    }
    return render(request, "eligibility/rules_in_force.html", context)


