from django import template
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def country_name(country):
    """The country's name in the active language (stored names, never translated labels)."""
    return country.name_fr if (get_language() or "").startswith("fr") else country.name_en


@register.simple_tag
def listing_count(counts, country, category, kind):
    return counts.get((country, category, kind), 0)
