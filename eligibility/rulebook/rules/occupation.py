"""Whether the occupation is open to this country's people in this category."""

from ..codes import Criterion, ListingKind, Result, Section
from ..facts import Facts
from ..ruleset import Listing, RuleSet
from ._base import met, not_met, rule, undetermined


def _judged(entry: Listing, facts: Facts) -> bool | None:
    """Whether the entry applies on the officer's judgement: True or False once answered, None
    while the officer has not answered; True for an entry that asks no judgement."""
    asked = entry.officer_judgement
    return True if asked is None else facts.judgement(asked)


@rule("occupation_01_permitted_list", Criterion.OCCUPATION, Section.COUNTRY_SPECIFIC)
def on_permitted_list(facts: Facts, rules: RuleSet):
    """Technicians: "The following occupations that are listed as NOC B are permitted: …"
    (Country-specific occupations, each country's Technicians list). An entry may carry a
    position condition, e.g. Japan's "oil and gas well drillers, servicers and testers
    (excluding operators)". Where no NOC 2021 group matches the list's wording plainly (e.g.
    "international purchasing and selling agents"), the entry asks the officer whether the
    position is the listed occupation: undetermined until answered."""
    entries = rules.listings_for(facts.country, facts.category, ListingKind.PERMITTED, facts.noc_code)
    judged_out = None
    for entry in entries:
        if not entry.applies(facts.position):
            continue
        judged = _judged(entry, facts)
        if judged is None:
            return undetermined("occupation.judgement_needed_listing", detail=entry.source, noc=facts.noc_code,
                                wording=entry.wording, judgement=entry.officer_judgement.value)
        if judged and entry.officer_judgement is None:
            return met("occupation.on_list", detail=entry.source, noc=facts.noc_code, country=facts.country,
                       category=facts.category.value)
        if judged:
            return met("occupation.on_list_on_judgement", detail=entry.source, noc=facts.noc_code,
                       wording=entry.wording, judgement=entry.officer_judgement.value)
        judged_out = entry
    if judged_out is not None:
        return not_met("occupation.judged_not_listed", detail=judged_out.source, noc=facts.noc_code,
                       wording=judged_out.wording, judgement=judged_out.officer_judgement.value)
    if entries:
        entry = entries[0]
        question = entry.unless or entry.only_if
        return not_met("occupation.listed_but_position_excluded", detail=entry.source,
                       noc=facts.noc_code, country=facts.country, question=question.value)
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
    """"… except the following: health, education and social services occupations and related
    occupations; judges, lawyers and notaries, except foreign legal consultants; …; occupations
    related to cultural industries; …; researchers, except those working at an academic entity"
    (Country-specific occupations, each country's Professionals list). An exclusion may turn on a
    position question that triggers it (``only_if``) or lifts it (``unless``). Where the clause
    does not plainly cover the unit group ("related occupations", "cultural industries"), the
    entry asks the officer a judgement: undetermined until answered, excluded on a yes."""
    entries = rules.listings_for(facts.country, facts.category, ListingKind.EXCLUDED, facts.noc_code)
    if not entries:
        return None
    judged_out = []
    for entry in entries:
        if not entry.applies(facts.position):
            continue
        judged = _judged(entry, facts)
        if judged is None:
            return undetermined("occupation.judgement_needed_exclusion", detail=entry.source, noc=facts.noc_code,
                                wording=entry.wording, judgement=entry.officer_judgement.value)
        if judged:
            if entry.officer_judgement is None:
                return not_met("occupation.excluded", detail=entry.source, noc=facts.noc_code,
                               country=facts.country, wording=entry.wording)
            return not_met("occupation.excluded_on_judgement", detail=entry.source, noc=facts.noc_code,
                           country=facts.country, wording=entry.wording, judgement=entry.officer_judgement.value)
        judged_out.append(entry)
    if judged_out:
        return met("occupation.judged_not_excluded", detail=judged_out[0].source, noc=facts.noc_code,
                   wording=judged_out[0].wording, judgement=judged_out[0].officer_judgement.value)
    lifted = [q.value for e in entries for q in e.questions]
    return met("occupation.exclusion_not_applicable", noc=facts.noc_code, country=facts.country,
               questions=", ".join(dict.fromkeys(lifted)))


@rule("occupation_04_noc2016_basis", Criterion.OCCUPATION, Section.COUNTRY_SPECIFIC)
def noc2016_basis(facts: Facts, rules: RuleSet):
    """The lists name NOC 2016 skill types: "All NOC-0 and NOC-A occupations are permitted" and
    "The following occupations that are listed as NOC B are permitted" (Country-specific
    occupations). IRCC moved to NOC 2021 on 16 November 2022 (the domain brief, §4.1): an
    application received before then was classified with NOC 2016, which TEER does not settle
    (skill type B became TEER 2 or 3). The officer classifies it, shown the NOC 2016 group(s) the
    unit group came from; never a silent TEER answer."""
    if rules.uses_noc2021(facts.received_on):
        return None
    return undetermined("occupation.noc2016_basis", noc=facts.noc_code,
                        noc2016=", ".join(rules.noc2016_codes(facts.noc_code)),
                        since=rules.classification_since.isoformat())


@rule("occupation_05_classified_allowed", Criterion.OCCUPATION, Section.COUNTRY_SPECIFIC)
def classified_allowed(facts: Facts, rules: RuleSet):
    """"All NOC-0 and NOC-A occupations are permitted, except the following" (Country-specific
    occupations, each country's Professionals list). A unit group at an eligible TEER that no
    exclusion covers is permitted; where the country's classification lists it as allowed, that
    entry is cited."""
    entries = rules.listings_for(facts.country, facts.category, ListingKind.PERMITTED, facts.noc_code)
    if entries:
        return met("occupation.classified_allowed", detail=entries[0].source, noc=facts.noc_code,
                   country=facts.country)
    return met("occupation.not_excluded", noc=facts.noc_code, country=facts.country)


def evaluate(facts: Facts, rules: RuleSet):
    basis = noc2016_basis(facts, rules)
    if basis is not None:
        return [basis]
    if not rules.category_rule(facts.country, facts.category).eligible_teers:
        return [on_permitted_list(facts, rules)]
    level = teer_level(facts, rules)
    if level.result is not Result.MET:
        return [level]
    excluded = exclusion_applies(facts, rules)
    if excluded is not None and excluded.result is not Result.MET:
        return [level, excluded]
    return [f for f in (level, excluded, classified_allowed(facts, rules)) if f is not None]
