from django import template
from django.utils.translation import get_language

from occupations import citations, wordings

register = template.Library()


@register.simple_tag
def country_name(country):
    """The country's name in the active language (stored names, never translated labels)."""
    return country.name_fr if (get_language() or "").startswith("fr") else country.name_en


@register.filter
def unit_group_title(unit_group):
    """A NOC unit group's title in the active language; the English one where no French is on file."""
    if (get_language() or "").startswith("fr") and unit_group.title_fr:
        return unit_group.title_fr
    return unit_group.title_en


@register.filter
def cited(source):
    """A rule row's stored source citation, its fixed words in the active language."""
    return citations.cited(source)


@register.filter
def regulator(name):
    """A regulator's name, stored in English, in the active language (the row's French where on file)."""
    return wordings.regulator(name)


@register.filter
def row_citation(row):
    """A rule row's citation in the active language (its provenance is for rules admins)."""
    if (get_language() or "").startswith("fr") and row.citation_fr:
        return row.citation_fr
    return row.citation_en or citations.cited(row.source)


@register.filter
def row_wording(row):
    """A list entry's wording in the active language; the English where no French is on file."""
    if (get_language() or "").startswith("fr") and row.wording_fr:
        return row.wording_fr
    return row.wording


@register.simple_tag
def listing_count(counts, country, category, kind):
    return counts.get((country, category, kind), 0)
