"""The rules admins' pages per country and category: on a chosen day, the country's row, the
category's parameters and its occupation list (permitted occupations or exclusions, with their
position questions) together, then the changes pending in draft or submitted change sets.

Read-only: every change still goes through a change set, so each row links to its own admin page.
The reads are in ``occupations.selectors``; this module only checks access and words the rows.
"""

from datetime import date
from decimal import Decimal
from functools import partial

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.defaultfilters import floatformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import choices, selectors
from ..citations import provenance
from ..models import COUNTRY_CODE, CategoryRule, Country, Listing

CATEGORY_LABELS = {code.value: label for code, label in choices.CATEGORY.items()}
CREDENTIAL_LABELS = {code.value: label for code, label in choices.CREDENTIAL.items()}

COUNTRY_FIELDS = ("code", "name_en", "name_fr", "permanent_residents_eligible", "spouse_owp_citizens",
                  "spouse_owp_permanent_residents", "valid_from", "valid_to", "source")
PARAMETER_FIELDS = ("min_study_years", "accepted_credentials", "judgement_credentials", "min_experience_months",
                    "length_of_stay_months", "eligible_teers", "equivalence_country", "equivalence_credentials",
                    "equivalence_min_years", "equivalence_requires_employer_letter", "valid_from", "valid_to",
                    "source")
CREDENTIAL_FIELDS = {"accepted_credentials", "judgement_credentials", "equivalence_credentials"}


class RulesDayForm(forms.Form):
    on = forms.DateField(
        label=_("Rules in force on"), required=False, input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Today unless you choose another day, past or future."),
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD, for example 2025-03-03.")},
    )


def urls(model_admin) -> list:
    """The pages' URLs, under the country admin's (``CountryAdmin.get_urls`` puts them first)."""
    view = model_admin.admin_site.admin_view  # staff only; anyone else is sent to the admin login
    return [
        path("rules/", view(partial(index, model_admin)), name="occupations_country_rules_index"),
        path("rules/<str:code>/<slug:category>/", view(partial(rules_page, model_admin)),
             name="occupations_country_rules"),
    ]


def _allowed(model_admin, request) -> None:
    """Staff reach the admin; of them only those who may read every table shown (rules admins,
    superusers) reach these pages."""
    site = model_admin.admin_site
    if not all(site.get_model_admin(model).has_view_permission(request)
               for model in (Country, CategoryRule, Listing)):
        raise PermissionDenied


def _context(model_admin, request, title: str) -> dict:
    return {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, "title": title}


def index(model_admin, request):
    _allowed(model_admin, request)
    today = timezone.localdate()
    counts = selectors.listing_counts(today)
    countries = []
    for country in selectors.country_codes():
        pages = []
        for category, label in CATEGORY_LABELS.items():
            permitted = counts.get((country.code, category, "permitted"), 0)
            excluded = counts.get((country.code, category, "excluded"), 0)
            parts = []
            if permitted:
                parts.append(ngettext("%(n)d permitted occupation", "%(n)d permitted occupations", permitted)
                             % {"n": permitted})
            if excluded:
                parts.append(ngettext("%(n)d exclusion", "%(n)d exclusions", excluded) % {"n": excluded})
            summary = ", ".join(parts) or gettext("no occupation list entries in force")
            pages.append({"label": label, "summary": summary,
                          "url": reverse("admin:occupations_country_rules", args=[country.code, category])})
        countries.append({"code": country.code, "name": _name(country), "pages": pages})
    return TemplateResponse(request, "admin/occupations/country_rules_index.html", {
        **_context(model_admin, request, gettext("Rules by country and category")),
        "countries": countries, "categories": list(CATEGORY_LABELS.values()), "today": today})


def rules_page(model_admin, request, code: str, category: str):
    _allowed(model_admin, request)
    if category not in CATEGORY_LABELS or not COUNTRY_CODE.match(code):
        raise Http404
    known, first_day = selectors.country_first_in_force(code)
    if not known:
        raise Http404
    form = RulesDayForm(request.GET or None, initial={"on": timezone.localdate()})
    if not form.is_bound:
        day = timezone.localdate()
    elif form.is_valid():
        day = form.cleaned_data["on"] or timezone.localdate()
    else:
        day = None  # the form's error and no rules: showing today's instead would mislead
    pending = _pending(selectors.pending_changes(code, category))
    rules = selectors.country_rules_on(code, category, day) if day else None
    name = _name(rules.country) if rules and rules.country else code
    context = {
        **_context(model_admin, request, gettext("%(country)s: %(category)s") % {
            "country": name, "category": CATEGORY_LABELS[category]}),
        "code": code, "country_name": name, "category": category, "category_label": CATEGORY_LABELS[category],
        "form": form, "day": day, "rules": rules, "first_day": first_day, "pending": pending,
        "links": _changelists(code, category),
    }
    if rules:
        pending_for = {(e.row._meta.model_name, e.row.replaces_id): e for e in pending if e.row.replaces_id}
        context.update({
            "country_facts": _facts(rules.country, COUNTRY_FIELDS),
            "country_pending": rules.country and pending_for.get(("country", rules.country.pk)),
            "parameters": _facts(rules.category_rule, PARAMETER_FIELDS),
            "rule_pending": rules.category_rule and pending_for.get(("categoryrule", rules.category_rule.pk)),
            "tables": _tables(rules.listings, pending_for),
        })
    return TemplateResponse(request, "admin/occupations/country_rules.html", context)


def _name(country) -> str:
    """Stored names, never translated labels: the one of the active language."""
    return country.name_fr if (get_language() or "").startswith("fr") else country.name_en


def _title(unit_group) -> str:
    if (get_language() or "").startswith("fr") and unit_group.title_fr:
        return unit_group.title_fr
    return unit_group.title_en


def _shown(row, name: str) -> str:
    """A field's value in words: labels for codes, "Yes"/"No", dates and numbers as the language
    writes them, a dash for nothing."""
    value = getattr(row, name)
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if name == "eligible_teers" and not value:
        return gettext("None: only the permitted list counts")
    if value is None or value == "" or value == []:
        return "—"
    if name in CREDENTIAL_FIELDS:
        return ", ".join(str(CREDENTIAL_LABELS.get(code, code)) for code in value)
    if name == "eligible_teers":
        return ", ".join(str(teer) for teer in value)
    if isinstance(value, date):
        return date_format(value)
    if isinstance(value, Decimal):
        return floatformat(value, -1)
    if name == "source":
        return provenance(value)
    return str(value)


def _facts(row, names) -> list[tuple[str, str]]:
    if row is None:
        return []
    return [(capfirst(row._meta.get_field(name).verbose_name), _shown(row, name)) for name in names]


def _tables(listings, pending_for) -> list[dict]:
    """One table per kind of entry (permitted occupations, exclusions), in the labels' order."""
    captions = {"permitted": _("Permitted occupations"), "excluded": _("Exclusions")}
    tables = []
    for kind, _label in choices.choices(choices.LISTING_KIND):
        rows = [{
            "row": row,
            "code": row.unit_group_id,
            "title": _title(row.unit_group) if row.unit_group else gettext("Any occupation"),
            "only_if": row.get_only_if_display() if row.only_if else "",
            "unless": row.get_unless_display() if row.unless else "",
            "pending": pending_for.get(("listing", row.pk)),
        } for row in listings if row.kind == kind]
        if rows:
            tables.append({"kind": kind, "caption": captions.get(kind, _label), "rows": rows,
                           "has_questions": kind == "excluded" or any(r["only_if"] or r["unless"] for r in rows)})
    return tables


def _pending(entries) -> list:
    for entry in entries:
        meta = entry.row._meta
        entry.url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[entry.row.pk])
        entry.change_set_url = reverse("admin:occupations_changeset_change", args=[entry.row.change_set_id])
    return entries


def _changelists(code: str, category: str) -> dict:
    """The admin's lists of this country's rows, filtered to this country and category (every
    state: in force, ended, future and draft)."""
    return {
        "country": reverse("admin:occupations_country_changelist") + "?" + urlencode({"code": code}),
        "category_rule": reverse("admin:occupations_categoryrule_changelist") + "?"
        + urlencode({"country_code": code, "category": category}),
        "listing": reverse("admin:occupations_listing_changelist") + "?"
        + urlencode({"country_code": code, "category": category}),
    }
