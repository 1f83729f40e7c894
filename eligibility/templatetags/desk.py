"""Labels for stored codes, in the page's language."""

from django import template
from django.urls import translate_url
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from eligibility import reasons
from eligibility.models import OUTCOME_CHOICES
from eligibility.reasons import money_text
from eligibility.rulebook.codes import Criterion
from eligibility.wizard.steps import CRITERION_TITLES, Step
from eligibility.wizard.steps import TITLES as STEP_TITLES
from occupations import choices
from occupations import country_names as names

register = template.Library()

RESULTS = {"met": _("Met"), "not_met": _("Not met"), "undetermined": _("Undetermined"),
           "not_assessed": _("Not assessed")}
OUTCOMES = dict(OUTCOME_CHOICES)


@register.filter
def criterion_title(criterion):
    try:
        return CRITERION_TITLES[Criterion(criterion)]
    except ValueError:
        return criterion


@register.filter
def permit_reason(decision):
    """Why the decision's permit runs as long as it does, naming the cap that applied (the
    passport's expiry, the length of stay or the employment offered), from what it stored."""
    return reasons.permit_reason(decision.working, decision.permit_valid_until,
                                 (decision.details or {}).get("passport_expiry"))


@register.filter
def step_title(step):
    """A wizard step's title, in the active language."""
    try:
        return STEP_TITLES[Step(step)]
    except ValueError:
        return step


@register.filter
def result_label(code):
    return RESULTS.get(code, code)


@register.filter
def money(amount):
    """Dollars with their currency, as the page's language writes them ("$57.69", "57,69 $");
    blank stays blank (a template's ``default`` then says what to show)."""
    if amount is None or amount == "":
        return ""
    return money_text(amount)


@register.filter
def decision_name(decision):
    """How a page names a recorded decision: its application number, else when it was recorded
    (never its database id, which means nothing to a reader)."""
    if decision.application_number:
        return decision.application_number
    return timezone.localtime(decision.created_at).strftime("%Y-%m-%d %H:%M")


@register.filter
def outcome_label(code):
    return OUTCOMES.get(code, code)


@register.filter
def country_name(code):
    """The country's name in the active language, with its code: "Japon (JP)"."""
    name = names.country_name(code) if code else code
    return f"{name} ({code})" if name and name != code else code


@register.filter(is_safe=True)
def colon(label):
    """A label and its colon as the language writes them: "Country:", "Pays :" (French spaces it)."""
    return _("%(label)s:") % {"label": label}


@register.filter
def category_label(code):
    return choices.CATEGORY.get(code, code)


@register.simple_tag(takes_context=True)
def same_page_in(context, language: str) -> str:
    """This page's address in ``language``, worked out while the page's own language is active:
    set_language works it out again under the visitor's saved language, and without one (a page
    reached by its /fr/ address) it could not resolve the address and left it unchanged."""
    return translate_url(context["request"].get_full_path(), language)


def select_options(field):
    """A select's options, the current value selected."""
    current = field.value()
    return format_html_join("", '<option value="{}"{}>{}</option>', (
        (value, " selected" if current is not None and str(value) == str(current) else "", label)
        for value, label in field.field.choices))


@register.simple_tag
def filter_field(field, width: str):
    """One field of a filters form as Bootstrap lays it out (label, control, its message and hint),
    in a column of class ``width``: the decision search's and the reports' filters. Written here
    rather than by a loop in the template or crispy-forms: the same markup in a fraction of the
    time (the search's twelve fields: about 2 ms a page through the template, 0.7 ms this way),
    on a page that must stay ten times faster than the admin's (bench/decision_search.py)."""
    widget = field.field.widget
    kind = widget.attrs.get("type") or widget.input_type
    id_, errors, hint = field.auto_id, field.errors, field.help_text
    described = format_html(' aria-describedby="{} {}"', f"{id_}_error" if errors else "",
                            f"{id_}_hint" if hint else "") if errors or hint else ""
    invalid = " is-invalid" if errors else ""
    if kind == "select":
        control = format_html('<select name="{}" id="{}" class="form-select{}"{}>{}</select>', field.html_name, id_,
                              invalid, described, select_options(field))
    else:
        value = field.value()
        control = format_html('<input type="{}" name="{}" id="{}" value="{}" class="form-control{}"{}>', kind,
                              field.html_name, id_, "" if value is None else value, invalid, described)
    message = format_html('<div class="invalid-feedback" id="{}_error">{}</div>', id_, " ".join(errors)) if errors else ""
    hint = format_html('<div class="form-text" id="{}_hint">{}</div>', id_, hint) if hint else ""
    return format_html('<div class="{}"><label class="form-label" for="{}">{}</label>{}{}{}</div>', width, id_,
                       field.label, control, message, hint)
