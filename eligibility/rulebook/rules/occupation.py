"""Whether the occupation is open to this country's people in this category."""

from ..codes import Criterion, ListingKind, Result, Section
from ..facts import Facts
from ..ruleset import RuleSet
from ._base import met, not_met, rule, undetermined


@rule("occupation_01_permitted_list", Criterion.OCCUPATION, Section.COUNTRY_SPECIFIC)
def on_permitted_list(facts: Facts, rules: RuleSet):
    """Technicians: "The following occupations that are listed as NOC B are permitted: …"
    (Country-specific occupations, each country's Technicians list). An entry may carry a
    position condition, e.g. Japan's "oil and gas well drillers, servicers and testers
    (excluding operators)". Applies where the country has a permitted list for the category.
    Where no NOC 2021 group matches the list's wording cleanly (e.g. "international purchasing
    and selling agents"), the entry asks the officer to confirm the duties fit: undetermined."""
    entries = rules.listings_for(facts.country, facts.category, ListingKind.PERMITTED, facts.noc_code)
    for entry in entries:
        if entry.applies(facts.position):
            if entry.officer_confirms:
                return undetermined("occupation.officer_confirms_listing", detail=entry.source,
                                    noc=facts.noc_code, wording=entry.wording)
            return met("occupation.on_list", detail=entry.source, noc=facts.noc_code,
                       country=facts.country, category=facts.category.value)
    if entries:
        entry = entries[0]
        question = entry.unless or entry.only_if
        return not_met("occupation.listed_but_position_excluded", detail=entry.source,
                       noc=facts.noc_code, country=facts.country, question=question.value)
    if rules.category_rule(facts.country, facts.category).eligible_teers:
        return None  # a TEER-based category: the TEER rule decides
    return not_met("occupation.not_on_list", noc=facts.noc_code, country=facts.country,
                   category=facts.category.value)


@rule("occupation_02_teer_level", Criterion.OCCUPATION, Section.COUNTRY_SPECIFIC)
def teer_level(facts: Facts, rules: RuleSet):
    """Professionals: "All NOC-0 and NOC-A occupations are permitted, except the following"
    (Country-specific occupations, each country's Professionals list). In NOC 2021 terms,
    applications received from 16 November 2022 use TEER 0 and 1 (the domain brief, §2.1, §4.1);
    the TEERs are a parameter of the category rule."""
    category_rule = rules.category_rule(facts.country, facts.category)
    teers = category_rule.eligible_teers
    if not teers:
        return None
    listed = ", ".join(str(t) for t in sorted(teers))
    if facts.teer in teers:
        return met("occupation.teer_eligible", detail=category_rule.source, noc=facts.noc_code,
                   teer=facts.teer, teers=listed)
    return not_met("occupation.teer_not_eligible", detail=category_rule.source, noc=facts.noc_code,
                   teer=facts.teer, teers=listed, category=facts.category.value)


@rule("occupation_03_exclusion_applies", Criterion.OCCUPATION, Section.COUNTRY_SPECIFIC)
def exclusion_applies(facts: Facts, rules: RuleSet):
    """"… except the following: health, education and social services occupations …; judges,
    lawyers and notaries, except foreign legal consultants; …; researchers, except those working
    at an academic entity" (Country-specific occupations, each country's Professionals list).
    An exclusion may turn on a position question that triggers it (``only_if``) or lifts it
    (``unless``). An entry marked for the officer's confirmation leaves the case undetermined."""
    entries = rules.listings_for(facts.country, facts.category, ListingKind.EXCLUDED, facts.noc_code)
    if not entries:
        return None
    for entry in entries:
        if entry.applies(facts.position):
            if entry.officer_confirms:
                return undetermined("occupation.officer_confirms_exclusion", detail=entry.source,
                                    noc=facts.noc_code, wording=entry.wording)
            return not_met("occupation.excluded", detail=entry.source, noc=facts.noc_code,
                           country=facts.country, wording=entry.wording)
    lifted = [q.value for e in entries for q in e.questions]
    return met("occupation.exclusion_not_applicable", noc=facts.noc_code, country=facts.country,
               questions=", ".join(dict.fromkeys(lifted)))


def evaluate(facts: Facts, rules: RuleSet):
    listed = on_permitted_list(facts, rules)
    if listed is not None:
        return [listed]
    level = teer_level(facts, rules)
    if level.result is not Result.MET:
        return [level]
    excluded = exclusion_applies(facts, rules)
    return [level, excluded] if excluded else [level]
