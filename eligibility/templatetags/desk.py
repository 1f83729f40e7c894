"""Labels for stored codes, in the page's language."""

from django import template
from django.urls import translate_url
from django.utils.translation import gettext_lazy as _

from eligibility.models import OUTCOME_CHOICES
from eligibility.rulebook.codes import Criterion
from eligibility.wizard.steps import CRITERION_TITLES, Step
from eligibility.wizard.steps import TITLES as STEP_TITLES
from occupations import choices
from occupations import country_names as names

register = template.Library()

RESULTS = {"met": _("Met"), "not_met": _("Not met"), "undetermined": _("Undetermined")}
OUTCOMES = dict(OUTCOME_CHOICES)


@register.filter
def criterion_title(criterion):
    try:
        return CRITERION_TITLES[Criterion(criterion)]
    except ValueError:
        return criterion


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
