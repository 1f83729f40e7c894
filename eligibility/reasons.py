"""The engine's reason codes and sections, worded for people in the active language.

The engine returns codes and figures only; this is the one place that turns them into plain
words. Every message names its figures so a reason can be read on its own.
"""

import re
from datetime import date
from functools import cache, lru_cache

from django.utils import formats, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eligibility.rulebook.codes import Section
from eligibility.rulebook.counting import capped_by_passport
from eligibility.rulebook.outcome import CriterionResult, Finding, Reason
from occupations import choices, wordings
from occupations.citations import cited
from occupations.country_names import country_name

SECTIONS = {
    Section.INTRODUCTION: _("Introduction"),
    Section.GENERAL_CRITERIA: _("General criteria for professionals and technicians"),
    Section.DOCUMENTATION: _("General criteria for professionals and technicians (documentation)"),
    Section.SPECIALIZED_KNOWLEDGE: _(
        "General criteria for professionals and technicians (licensing, or study and experience)"
    ),
    Section.LANGUAGE: _("Language requirement"),
    Section.EMPLOYER_PORTAL: _("Language requirement (note on the Employer Portal and the compliance fee)"),
    Section.LENGTH_OF_STAY: _("Length of stay"),
    Section.PROFESSIONALS: _("Specific criteria for professionals"),
    Section.TECHNICIANS: _("Specific criteria for technicians"),
    Section.COUNTRY_SPECIFIC: _("Country-specific occupations"),
    Section.SPOUSES: _("Spousal provisions – T53"),
}

MESSAGES = {
    # status
    "status.country_not_party": _("%(country)s has no rules in force for professionals and technicians on the receipt date."),
    "status.country_party": _("%(country)s is a party to the commitments on professionals and technicians."),
    "status.citizen": _("Citizens of %(country)s are covered."),
    "status.permanent_resident_covered": _("Permanent residents of %(country)s are covered as principal applicants."),
    "status.permanent_resident_not_covered": _("Permanent residents of %(country)s are not covered; only its citizens are."),
    # occupation
    "occupation.on_list": _("NOC %(noc)s is on the %(category)s list for %(country)s."),
    "occupation.listed_but_position_excluded": _("NOC %(noc)s is listed for %(country)s, but not for this position (%(question)s)."),
    "occupation.not_on_list": _("NOC %(noc)s is not on the %(category)s list for %(country)s."),
    "occupation.teer_eligible": _("NOC %(noc)s is TEER %(teer)s; TEER %(teers)s occupations are open to professionals."),
    "occupation.teer_not_eligible": _("NOC %(noc)s is TEER %(teer)s; only TEER %(teers)s occupations are open to professionals."),
    "occupation.excluded": _("NOC %(noc)s is excluded for %(country)s: %(wording)s."),
    # No longer produced (issue 14 made them officer judgements); kept to word the working of
    # decisions recorded before, which stores codes.
    "occupation.officer_confirms_listing": _("NOC %(noc)s may be the listed \"%(wording)s\": the officer must confirm the duties match."),
    "occupation.officer_confirms_exclusion": _("NOC %(noc)s may fall under the exclusion \"%(wording)s\": the officer must confirm."),
    "occupation.on_list_on_judgement": _("The officer judged this position to be the listed \"%(wording)s\" (NOC %(noc)s)."),
    "occupation.judgement_needed_listing": _("NOC %(noc)s may be the listed \"%(wording)s\". The officer must answer: %(judgement)s"),
    "occupation.judged_not_listed": _("The officer judged this position not to be the listed \"%(wording)s\"; NOC %(noc)s is not otherwise on the list."),
    "occupation.judgement_needed_exclusion": _("NOC %(noc)s may fall under the exclusion \"%(wording)s\". The officer must answer: %(judgement)s"),
    "occupation.excluded_on_judgement": _("The officer judged this position to fall under the exclusion for %(country)s: %(wording)s."),
    "occupation.judged_not_excluded": _("The officer judged that the exclusion \"%(wording)s\" does not cover this position."),
    "occupation.noc2016_basis": _("Received before %(since)s, when the instructions used NOC 2016 skill types (0, A and B): NOC %(noc)s came from NOC 2016 %(noc2016)s. The officer must classify the occupation on that basis."),
    "occupation.classified_allowed": _("NOC %(noc)s is classified as permitted for %(country)s: no exclusion covers it."),
    "occupation.not_excluded": _("NOC %(noc)s is not among the exclusions for %(country)s."),
    "occupation.exclusion_not_applicable": _("The exclusions for NOC %(noc)s do not apply to this position, on the officer's answers about: %(questions)s."),
    # education
    "education.meets_minimum": _("Standard route: %(credential)s with %(years)s years of post-secondary study; at least %(min_years)s years are needed."),
    "education.credential_not_accepted": _("Standard route: %(credential)s is not an accepted credential here (accepted: %(accepted)s)."),
    "education.too_few_years": _("Standard route: %(years)s years of post-secondary study; at least %(min_years)s are needed."),
    "education.equivalence_other_credential": _("Equivalence route of %(route_country)s (a %(route_credentials)s of at least %(min_years)s years): does not apply to a %(credential)s."),
    "education.equivalence_too_few_years": _("Equivalence route of %(route_country)s (a %(route_credentials)s of at least %(min_years)s years): does not apply to %(years)s years of study."),
    "education.equivalence_letter_missing": _("Equivalence route of %(route_country)s: the qualification can be deemed equivalent only with a letter from the Canadian client or employer accepting it, and there is none."),
    "education.equivalence_met": _("Equivalence route of %(route_country)s: a %(credential)s obtained there with %(years)s years of study (at least %(min_years)s) is deemed to meet the Canadian requirement."),
    "education.equivalence_obtained_elsewhere": _("Equivalence route of %(route_country)s: the %(credential)s (%(years)s years of study) was obtained in %(obtained_in)s, not in %(route_country)s. The officer must answer: %(judgement)s"),
    "education.equivalence_for_officer": _("Standard route: needs %(accepted)s. A %(credential)s with %(years)s years of study (at least %(min_years)s) may be the equivalent the instructions accept. The officer must answer: %(judgement)s"),
    "education.officer_judged_equivalent": _("On the officer's judgement, the %(credential)s with %(years)s years of study is the equivalent qualification the instructions accept."),
    "education.officer_judged_not_equivalent": _("On the officer's judgement, the %(credential)s with %(years)s years of study is not the equivalent qualification the instructions accept."),
    "education.employer_letter_provided": _("A letter from the Canadian client or employer accepts the qualifications (read as required of every professional from %(country)s, whatever the degree)."),
    "education.employer_letter_required": _("No letter from the Canadian client or employer accepting the qualifications: read as required of every professional from %(country)s, whatever the degree."),
    "education.noc_requirements_met": _("The officer finds that the applicant meets the employment requirements the NOC sets for unit group %(noc)s."),
    "education.noc_requirements_not_met": _("The officer finds that the applicant does not meet the employment requirements the NOC sets for unit group %(noc)s."),
    # No longer produced (issue 14: education_02's codes now name the route); kept for the working
    # of decisions recorded before.
    "education.employer_letter_missing": _("The qualification from %(country)s can be deemed equivalent only with a letter from the Canadian client or employer accepting it, and there is none."),
    "education.equivalent_qualification": _("%(credential)s from %(country)s with %(years)s years of study (at least %(min_years)s) is deemed to meet the Canadian requirement, with the employer's letter."),
    "education.officer_judges_equivalence": _("%(credential)s with %(years)s years of study: whether it is equivalent is for the officer to judge."),
    # experience
    "experience.enough": _("%(months)s months of paid experience; %(category)s applicants need %(min_months)s."),
    "experience.too_little": _("%(months)s months of paid experience; %(category)s applicants need %(min_months)s."),
    # credentials
    "credentials.licensed": _("Holds a licence or certification from a Canadian or foreign regulatory body."),
    "credentials.not_licensed": _("No licence or certification, which this regulated occupation needs for the offer."),
    "credentials.study_unrelated": _("The field of study is not related to the occupation."),
    "credentials.no_practical_experience": _("No paid experience in the occupation to show its practical application."),
    "credentials.study_and_experience": _("Study in a related field and %(months)s months of paid experience in the occupation."),
    "credentials.path_licence_not_required": _("The offer does not need a licence: the study-and-experience path applies."),
    "credentials.path_regulated": _("NOC %(noc)s is regulated in %(province)s and the offer needs the licence: the licensing path applies."),
    "credentials.path_not_regulated": _("NOC %(noc)s is not regulated in %(province)s: the study-and-experience path applies."),
    "credentials.regulation_unknown": _("Whether NOC %(noc)s is regulated in %(province)s is not on file: the officer must find it."),
    # language
    "language.not_yet_decided": _("The officer has not yet decided on the applicant's English or French for the job."),
    "language.satisfactory": _("The officer is satisfied the applicant can communicate in English or French for the job."),
    "language.not_satisfactory": _("The officer is not satisfied the applicant can communicate in English or French for the job."),
    "language.offer_requirements_met": _("The language requirements stated in the offer are met."),
    "language.offer_requirements_not_met": _("The language requirements stated in the offer are not met."),
    # remuneration
    "remuneration.no_comparator": _("No prevailing wage on file for NOC %(noc)s in %(province)s, its regions or Canada; offered %(offered)s a year. The officer must enter the prevailing wage and its source."),
    "remuneration.at_or_above_median": _("Offered %(offered)s a year; the prevailing (median) wage is %(median)s a year (%(comparator)s)."),
    "remuneration.below_low": _("Offered %(offered)s a year, below the low wage of %(low)s a year (%(comparator)s)."),
    "remuneration.between_low_and_median": _("Offered %(offered)s a year, below the median of %(median)s a year (%(comparator)s): whether it is commensurate is for the officer to judge."),
    "remuneration.non_monetary_not_counted": _("Not counted as remuneration: %(elements)s a year."),
    # employer
    "employer.offer_submitted": _("Offer of employment %(offer_number)s submitted in the Employer Portal."),
    "employer.fee_paid": _("The employer compliance fee was paid."),
    "employer.fee_not_paid": _("The employer compliance fee was not paid."),
    # documentation
    "documentation.complete": _("Job description, duration, payment arrangements and credentials are documented."),
    "documentation.missing": _("Missing: %(missing)s."),
    "documentation.extension_need_not_recorded": _("An extension: the officer has not yet recorded whether the documents show the need to extend the stay."),
    "documentation.extension_need_shown": _("An extension: the documents satisfy the officer of the need to extend the stay."),
    "documentation.extension_need_not_shown": _("An extension: the documents do not satisfy the officer of the need to extend the stay."),
    # facts never entered (a case decided on an earlier criterion)
    "facts.not_entered": _("Not entered: %(facts)s."),
    # length of stay and spouse
    "stay.not_entered": _("No permit length worked out: the employment offered was not entered."),
    "stay.length_of_stay": _("Up to %(months)s months: the length of stay."),
    # Not an engine code: the permit's validity cut at the passport's expiry when it was issued
    # (counting.permit_valid_until), read from the decision's stored validity (permit_reason).
    "stay.capped_by_passport": _("Until %(until)s: the passport expires that day, and a permit never outlasts the passport (the rules allow up to %(months)s months)."),
    "stay.capped_by_employment": _("Up to %(months)s months: the employment offered lasts %(employment_months)s months (length of stay %(stay)s)."),
    "stay.extension": _("Up to %(months)s months: an extension, for the length of stay again, at the officer's discretion."),
    "stay.extension_capped_by_employment": _("Up to %(months)s months: an extension, capped by the employment offered (%(employment_months)s months; length of stay %(stay)s)."),
    "spouse.principal_not_eligible": _("No open work permit for a spouse: the principal applicant is not eligible as a professional or technician."),
    "spouse.eligible_if_issued": _("A spouse may be issued an open work permit if the T52 permit is issued: the principal is a %(status)s of %(country)s."),
    "spouse.eligible": _("A spouse may be issued an open work permit: the principal is a %(status)s of %(country)s."),
    "spouse.status_not_covered": _("No open work permit for a spouse: a %(status)s of %(country)s is not covered."),
    "spouse.country_not_party": _("No open work permit for a spouse: %(country)s is not a party."),
}

# Parameters holding codes, shown as their labels.
_LABELLED = {
    "category": choices.CATEGORY,
    "credential": choices.CREDENTIAL,
    "status": choices.STATUS,
    "question": choices.POSITION_QUESTION,
}
_LISTED_CODES = {
    "missing": choices.DOCUMENT,
    "questions": choices.POSITION_QUESTION_TOPIC,
    "accepted": choices.CREDENTIAL,
    "route_credentials": choices.CREDENTIAL,
    "judgement": choices.JUDGEMENT,  # the question itself, as the officer is asked it
    "facts": choices.FACT,  # the facts a criterion needs, as the wizard asks them
}
_COUNTRIES = {"country", "route_country", "obtained_in"}

# Where a prevailing wage came from ("origin" and its "area" and "period"), in words.
_COMPARATORS = {
    "region": _("Job Bank wages, %(area)s economic region, reference period %(period)s"),
    "province": _("Job Bank wages, %(area)s, reference period %(period)s"),
    "canada": _("Job Bank wages, Canada, reference period %(period)s"),
    "officer": _("the officer's figures: %(officer_source)s"),
    "officer_unsourced": _("the officer's figures"),
    "table": _("the wage table"),  # decisions recorded before the comparator was named
}


@lru_cache(maxsize=1024)
def _comparator(origin: str, area: str, period: str, officer_source: str, language: str | None) -> str:
    if origin == "officer" and not officer_source:
        origin = "officer_unsourced"
    with translation.override(language):
        if origin == "province":
            area = str(choices.PROVINCE.get(area, area))
        template = str(_COMPARATORS.get(origin, _COMPARATORS["table"]))
    return template % {"area": area, "period": period, "officer_source": officer_source}


@lru_cache(maxsize=512)
def _country_name(code: str, language: str) -> str:
    name = country_name(code, language)
    return name if name == code else f"{name} ({code})"


# Translations are looked up once per process and language, not once per reason: a batch of
# 100,000 cases words about a million reasons from a few dozen templates and labels. The caches are
# keyed by the language and translate in it, so a draft worded in English on a French page (or the
# other way round) gets the right words.
@cache
def _template(code: str, language: str | None) -> str | None:
    template = MESSAGES.get(code)
    if template is None:
        return None
    with translation.override(language):
        return str(template)


@cache
def _heading(section: Section, language: str | None) -> str:
    with translation.override(language):
        return str(SECTIONS[section])


@lru_cache(maxsize=1024)
def _label(key: str, value, kind: type, language: str | None) -> str:
    labels = _LABELLED[key]
    with translation.override(language):
        label = str(labels.get(value, value))
    return label if key == "credential" else label.lower()


@lru_cache(maxsize=1024)
def _listed(key: str, value: str, language: str | None) -> str:
    labels = _LISTED_CODES[key]
    with translation.override(language):
        return ", ".join(str(labels.get(c.strip(), c.strip())) for c in value.split(","))


# The engine writes amounts the contract's way, "85,000.00"; pages show them in their language,
# "$85,000.00" or "85 000,00 $".
_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})*\.\d{2}")
_MONEY = {"offered", "median", "low"}


@cache
def _money_format(language: str | None) -> tuple[str, str, str]:
    """(thousands separator, decimal separator, "$%(amount)s" as the language writes it)."""
    with translation.override(language):
        return (formats.get_format("THOUSAND_SEPARATOR"), formats.get_format("DECIMAL_SEPARATOR"),
                str(_("$%(amount)s")))


def _money(amount: str, language: str | None) -> str:
    # Groups of three either way: only the separators and the sign's place change. Done by hand,
    # as number_format under each language costs ~20 µs a figure, and a batch words millions.
    thousands, decimal, money = _money_format(language)
    return money % {"amount": amount.replace(",", "\0").replace(".", decimal).replace("\0", thousands)}


def money_text(amount, language: str | None = None) -> str:
    """An amount in dollars as the language writes it, always with its currency: "$65.00",
    "65,00 $". For pages; the engine's reasons carry their amounts as text already."""
    return _money(f"{float(amount):,.2f}", language or get_language())


# The wizard's non-monetary elements are codes; a batch case may name others, shown as named.
_ELEMENTS = {"housing": _("housing"), "travel": _("travel"), "other": _("other elements")}
_ELEMENT = re.compile(rf"(?:^|,)\s*(.+?) ({_AMOUNT.pattern})(?=,|$)")


@lru_cache(maxsize=1024)
def _elements(text: str, language: str | None) -> str:
    """"housing 1,200.00, travel 300.00" → "logement 1 200,00 $, déplacements 300,00 $"."""
    def shown(match):
        name = _ELEMENTS.get(match.group(1))
        if name is not None:
            with translation.override(language):
                name = str(name)
        return f"{name or match.group(1)} {_money(match.group(2), language)}"

    return ", ".join(shown(m) for m in _ELEMENT.finditer(text)) or text


def _shown_params(params: tuple, language: str | None) -> dict:
    """The reason's figures as the message shows them: codes become labels, countries names,
    amounts money in the language's way."""
    shown = {}
    for key, value in params:
        if key in _LABELLED:
            value = _label(key, value, type(value), language)
        elif key in _LISTED_CODES:
            value = _listed(key, value, language) if value else value
        elif key in _COUNTRIES:
            value = _country_name(value, language or "en")
        elif key in _MONEY and value:
            value = _money(value, language)
        elif key == "elements" and value:
            value = _elements(value, language)
        elif key == "wording":  # a list entry's words, stored in English: the row's own in the language
            value = wordings.wording(value, language)
        shown[key] = value
    if "origin" in shown:
        named = dict(params)
        shown["comparator"] = _comparator(named["origin"], named.get("area", ""), named.get("period", ""),
                                          named.get("officer_source", ""), language)
    return shown


def _reason_text(reason: Reason, language: str | None) -> str:
    template = _template(reason.code, language)
    if template is None:
        return reason.code
    return template % _shown_params(reason.params, language)


def reason_text(reason: Reason) -> str:
    return _reason_text(reason, get_language())


def permit_reason(working: dict, valid_until: date | None, passport_expiry) -> str:
    """Why the permit runs as long as it does, naming the cap that applied: the passport's
    expiry when the validity was cut there (read from the stored validity and passport expiry,
    ``counting.capped_by_passport``), else the engine's reason (the length of stay, or the
    employment offered). ``passport_expiry``: a date, its ISO text as the details store it, or None."""
    stored = working["work_permit_reason"]
    reason = Reason(stored["rule_id"], stored["code"], tuple(stored["params"].items()))
    if isinstance(passport_expiry, str):
        try:
            passport_expiry = date.fromisoformat(passport_expiry)
        except ValueError:
            passport_expiry = None
    if capped_by_passport(valid_until, passport_expiry):
        reason = Reason(reason.rule_id, "stay.capped_by_passport",
                        (("until", valid_until.isoformat()), ("months", reason.param_dict.get("months"))))
    return reason_text(reason)


def _source_text(finding: Finding, language: str | None) -> str:
    heading = _heading(finding.section, language)
    detail = finding.section_detail
    if not detail or detail == "officer":
        return heading
    # The detail is the rule row's stored citation, in English: its fixed words are translated.
    if detail.startswith(_heading(finding.section, "en")):
        return cited(detail, language)
    return f"{heading}; {cited(detail, language)}"


def source_text(finding: Finding) -> str:
    return _source_text(finding, get_language())


def criterion_summary(result: CriterionResult, language: str | None = None) -> dict:
    """The contract's ``{"result", "reason", "source"}`` for one criterion, in ``language``
    (default: the active one)."""
    language = language or get_language()
    findings = result.findings
    deciding = result.deciding
    decided = deciding.result  # the deciding finding carries the criterion's result
    return {
        "result": decided.value,
        "reason": " ".join(_reason_text(f.reason, language) for f in findings if f.result is decided),
        "source": _source_text(deciding, language),
    }
