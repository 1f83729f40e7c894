"""The batch contract's case format (shared/contract/assess.md) → the engine's ``Facts``.

Strict, field by field: an unknown field, a wrong type or a value out of range raises
``CaseError`` naming the dotted path of the field, never a guessed outcome. Kept lean, because a
batch run is bound by parsing and validation, not by the engine.
"""

import math
import re
from datetime import date

import pycountry
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from eligibility.rulebook.codes import (
    Category,
    Credential,
    Document,
    Judgement,
    PositionQuestion,
    Province,
    Status,
    WageUnit,
)
from eligibility.rulebook.facts import Education, Facts, Language, PrevailingWage, Wage
from eligibility.rulebook.ruleset import RuleSet

ISO_COUNTRIES = frozenset(c.alpha_2 for c in pycountry.countries)
NOC_CODE = re.compile(r"[0-9]{5}")
OFFER_NUMBER = re.compile(r"A[0-9]{7}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
ECONOMIC_REGION = re.compile(r"ER[0-9]{4}")
HOURS_IN_A_WEEK = 168

TOP_FIELDS = frozenset({
    "reference", "country", "status", "category", "noc_code", "position", "province", "regulated",
    "licence_required", "licensed", "education", "employer_letter", "experience_months", "language",
    "wage", "non_monetary", "prevailing_wage", "offer_number", "compliance_fee_paid",
    "employment_months", "documents", "spouse", "received_on", "economic_region", "judgements",
    "noc_requirements_met", "extension", "extension_need_shown",
})
EDUCATION_FIELDS = frozenset({"credential", "years", "country", "related_field"})
LANGUAGE_FIELDS = frozenset({"satisfactory", "offer_requirements_met"})
WAGE_FIELDS = frozenset({"amount", "unit", "hours_per_week"})
PREVAILING_FIELDS = frozenset({"amount", "unit", "low", "source"})
JUDGEMENT_FIELDS = frozenset(j.value for j in Judgement)
POSITION_FIELDS = frozenset(q.value for q in PositionQuestion)
DOCUMENT_FIELDS = frozenset(d.value for d in Document)
MISSING = object()


class CaseError(ValueError):
    """A case that cannot be assessed: which field, and why, in plain words."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


# Field readers ------------------------------------------------------------------------------
def _object(data: dict, name: str, path: str, allowed: frozenset, required: bool = True):
    value = data.get(name, MISSING)
    if value is MISSING:
        if required:
            raise CaseError(path, _("This field is required."))
        return None
    if not isinstance(value, dict):
        raise CaseError(path, _("Must be an object with the fields %(fields)s.") % {"fields": ", ".join(sorted(allowed))})
    _no_unknown(value, allowed, path + ".")
    return value


def _no_unknown(data: dict, allowed: frozenset, prefix: str = "") -> None:
    for key in data:
        if key not in allowed:
            raise CaseError(prefix + (key or '""'), _("Unknown field."))


def _bool(data: dict, name: str, path: str, default=MISSING, nullable: bool = False):
    value = data.get(name, MISSING)
    if value is MISSING:
        if default is MISSING:
            raise CaseError(path, _("This field is required."))
        return default
    if value is None and nullable:
        return None
    if value is True or value is False:
        return value
    if nullable:
        raise CaseError(path, _("Must be true, false or null."))
    raise CaseError(path, _("Must be true or false."))


def _number(data: dict, name: str, path: str, *, minimum: float, exclusive: bool, maximum: float | None = None):
    value = data.get(name, MISSING)
    if value is MISSING:
        raise CaseError(path, _("This field is required."))
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CaseError(path, _("Must be a number."))
    try:
        value = float(value)
    except OverflowError:
        raise CaseError(path, _("This number is too large.")) from None
    if not math.isfinite(value):
        raise CaseError(path, _("Must be a number."))
    if value < minimum or (exclusive and value == minimum):
        if exclusive:
            raise CaseError(path, _("Must be greater than %(minimum)s.") % {"minimum": minimum})
        raise CaseError(path, _("Must be %(minimum)s or more.") % {"minimum": minimum})
    if maximum is not None and value > maximum:
        raise CaseError(path, _("Must be %(maximum)s or less.") % {"maximum": maximum})
    return value


def _integer(data: dict, name: str, path: str, *, minimum: int):
    value = data.get(name, MISSING)
    if value is MISSING:
        raise CaseError(path, _("This field is required."))
    if isinstance(value, bool) or not isinstance(value, int):
        raise CaseError(path, _("Must be a whole number."))
    if value < minimum:
        raise CaseError(path, _("Must be %(minimum)s or more.") % {"minimum": minimum})
    return value


_MEMBERS: dict = {}  # enum -> {value: member}: a dict lookup is several times cheaper than enum(value)


def _member(enum, value):
    members = _MEMBERS.get(enum)
    if members is None:
        members = _MEMBERS[enum] = {m.value: m for m in enum}
    return members[value]  # KeyError, or TypeError when the value is unhashable (a list, an object)


def _choice(data: dict, name: str, path: str, enum):
    value = data.get(name, MISSING)
    if value is MISSING:
        raise CaseError(path, _("This field is required."))
    try:
        return _member(enum, value)
    except (KeyError, TypeError):
        allowed = ", ".join(e.value for e in enum)
        raise CaseError(path, _("Unknown value %(value)s; expected one of: %(allowed)s.")
                        % {"value": _shown(value), "allowed": allowed}) from None


def _country(data: dict, name: str, path: str) -> str:
    value = data.get(name, MISSING)
    if value is MISSING:
        raise CaseError(path, _("This field is required."))
    if not isinstance(value, str) or value not in ISO_COUNTRIES:
        raise CaseError(path, _("Unknown country code %(value)s; expected an ISO 3166-1 alpha-2 code such as AU.")
                        % {"value": _shown(value)})
    return value


def _pattern(data: dict, name: str, path: str, pattern: re.Pattern, message: str) -> str:
    """``message`` is untranslated (marked with gettext_noop): it is translated only if used."""
    value = data.get(name, MISSING)
    if value is MISSING:
        raise CaseError(path, _("This field is required."))
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise CaseError(path, _(message) % {"value": _shown(value)})
    return value


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# The case -----------------------------------------------------------------------------------
# The parts of a case the wizard enters on one step each, named by the field that opens them. A
# case built from an officer's partial answers (``partial=True``) may lack whole parts: their
# facts are None, never a stand-in. A batch case must have them all (the contract).
PARTS = {
    "occupation": "noc_code",
    "credentials": "education",
    "experience": "experience_months",
    "language": "language",
    "remuneration": "wage",
    "documents": "documents",
}


def parse_case(data, today: date, partial: bool = False) -> Facts:
    """Validate one decoded JSON case and build its facts. ``today`` is the default receipt date.
    ``partial``: parts of the case not entered (``PARTS``) are absent rather than required."""
    if not isinstance(data, dict):
        raise CaseError("case", _("A case must be a JSON object."))
    _no_unknown(data, TOP_FIELDS)

    occupation, credentials, experience, language_part, remuneration, documents_part = (
        not partial or PARTS[part] in data for part in PARTS)

    reference = data.get("reference")
    if reference is not None and not isinstance(reference, str):
        raise CaseError("reference", _("Must be text."))

    # Read in the contract's field order, so a case with several errors is told the same first one.
    country = _country(data, "country", "country")
    status = _choice(data, "status", "status", Status)
    category = _choice(data, "category", "category", Category)
    noc_code = province = offer_number = compliance_fee_paid = employment_months = economic_region = None
    position = frozenset()
    if occupation:
        noc_code = _pattern(data, "noc_code", "noc_code", NOC_CODE,
                            gettext_noop("%(value)s is not a NOC 2021 code; expected 5 digits as text, e.g. \"21231\"."))
        position_data = _object(data, "position", "position", POSITION_FIELDS, required=False) or {}
        position = frozenset(
            _member(PositionQuestion, q) for q in position_data if _bool(position_data, q, "position." + q)
        )
        province = _choice(data, "province", "province", Province)

    education = regulated = licence_required = licensed = noc_requirements_met = None
    employer_letter = False
    if credentials:
        regulated = _bool(data, "regulated", "regulated", default=None, nullable=True)
        licence_required = _bool(data, "licence_required", "licence_required", default=True)
        licensed = _bool(data, "licensed", "licensed")
        edu = _object(data, "education", "education", EDUCATION_FIELDS)
        education = Education(
            credential=_choice(edu, "credential", "education.credential", Credential),
            years=_number(edu, "years", "education.years", minimum=0, exclusive=False),
            country=_country(edu, "country", "education.country"),
            related_field=_bool(edu, "related_field", "education.related_field"),
        )
        employer_letter = _bool(data, "employer_letter", "employer_letter", default=False)
    experience_months = None
    if experience:
        experience_months = _integer(data, "experience_months", "experience_months", minimum=0)

    language = None
    if language_part:
        lang = _object(data, "language", "language", LANGUAGE_FIELDS)
        language = Language(
            satisfactory=_bool(lang, "satisfactory", "language.satisfactory", nullable=True),
            offer_requirements_met=_bool(lang, "offer_requirements_met", "language.offer_requirements_met",
                                         default=None, nullable=True),
        )

    wage, non_monetary, prevailing = None, (), None
    if remuneration:
        w = _object(data, "wage", "wage", WAGE_FIELDS)
        wage = Wage(
            amount=_number(w, "amount", "wage.amount", minimum=0, exclusive=True),
            unit=_choice(w, "unit", "wage.unit", WageUnit),
            hours_per_week=_number(w, "hours_per_week", "wage.hours_per_week", minimum=0, exclusive=True,
                                   maximum=HOURS_IN_A_WEEK),
        )
        non_monetary = _non_monetary(data)
        prevailing = _prevailing(data)

    if occupation:
        offer_number = _pattern(data, "offer_number", "offer_number", OFFER_NUMBER,
                                gettext_noop("%(value)s is not an offer of employment number; expected A followed by 7 digits, e.g. A1234567."))
        compliance_fee_paid = _bool(data, "compliance_fee_paid", "compliance_fee_paid")
        employment_months = _integer(data, "employment_months", "employment_months", minimum=1)

    documents = None
    if documents_part:
        docs = _object(data, "documents", "documents", DOCUMENT_FIELDS)
        documents = frozenset(_member(Document, d) for d in sorted(DOCUMENT_FIELDS) if _bool(docs, d, "documents." + d))

    spouse = _bool(data, "spouse", "spouse", default=False)
    received_on = _received_on(data, today)
    if occupation and "economic_region" in data:
        economic_region = _pattern(data, "economic_region", "economic_region", ECONOMIC_REGION,
                                   gettext_noop("%(value)s is not an economic region code; expected ER followed by 4 digits, e.g. ER3570."))
    judged = _object(data, "judgements", "judgements", JUDGEMENT_FIELDS, required=False) or {}
    judgements = frozenset(
        (_member(Judgement, j), answer) for j in judged
        if (answer := _bool(judged, j, "judgements." + j, nullable=True)) is not None
    )
    if credentials:
        noc_requirements_met = _bool(data, "noc_requirements_met", "noc_requirements_met", default=None, nullable=True)
    extension = _bool(data, "extension", "extension", default=False)
    extension_need_shown = None
    if documents_part:
        extension_need_shown = _bool(data, "extension_need_shown", "extension_need_shown", default=None, nullable=True)

    return Facts(
        country=country, status=status, category=category, noc_code=noc_code, province=province,
        licensed=licensed, education=education, experience_months=experience_months, language=language,
        wage=wage, offer_number=offer_number, compliance_fee_paid=compliance_fee_paid,
        employment_months=employment_months, documents=documents, received_on=received_on,
        position=position, regulated=regulated, licence_required=licence_required,
        employer_letter=employer_letter, non_monetary=non_monetary, prevailing_wage=prevailing,
        spouse=spouse, reference=reference, economic_region=economic_region, judgements=judgements,
        noc_requirements_met=noc_requirements_met, extension=extension, extension_need_shown=extension_need_shown,
    )


def check_against_rules(facts: Facts, ruleset: RuleSet) -> None:
    """What only the rule data can tell: the NOC code is a unit group of the classification (one
    not ended on the receipt date), and the economic region lies in the province. Raises
    ``CaseError``. A rule set built without the classification (engine tests) checks no code."""
    if facts.noc_code is None:  # the occupation was not entered (a partial case): nothing to check
        return
    if ruleset.unit_groups and not ruleset.knows_unit_group(facts.noc_code):
        raise CaseError("noc_code", _("%(value)s is not a unit group of NOC 2021; enter the 5-digit code of a "
                                      "unit group, e.g. 21231.") % {"value": facts.noc_code})
    if facts.economic_region is not None:
        region = ruleset.region(facts.economic_region)
        if region is None:
            raise CaseError("economic_region", _("%(value)s is not a Job Bank economic region.")
                            % {"value": facts.economic_region})
        if region.province != facts.province.value:
            raise CaseError("economic_region", _("%(region)s (%(value)s) is in %(in)s, not in the province of "
                                                 "destination %(province)s.")
                            % {"region": region.name, "value": region.code, "in": region.province,
                               "province": facts.province.value})


def _non_monetary(data: dict) -> tuple:
    value = data.get("non_monetary", MISSING)
    if value is MISSING:
        return ()
    if not isinstance(value, dict):
        raise CaseError("non_monetary", _("Must be an object of amounts per year, e.g. {\"housing\": 12000}."))
    items = []
    for name in value:
        if not isinstance(name, str) or not name.strip():
            raise CaseError("non_monetary", _("Each element needs a name."))
        items.append((name, _number(value, name, "non_monetary." + name, minimum=0, exclusive=False)))
    return tuple(items)


def _prevailing(data: dict) -> PrevailingWage | None:
    p = _object(data, "prevailing_wage", "prevailing_wage", PREVAILING_FIELDS, required=False)
    if p is None:
        return None
    amount = _number(p, "amount", "prevailing_wage.amount", minimum=0, exclusive=True)
    unit = _choice(p, "unit", "prevailing_wage.unit", WageUnit)
    low = None
    if "low" in p:
        low = _number(p, "low", "prevailing_wage.low", minimum=0, exclusive=True)
        if low > amount:
            raise CaseError("prevailing_wage.low", _("The low wage cannot be above the median (amount)."))
    source = p.get("source", "")
    # As long as the wizard's "source of the prevailing wage" field, which it becomes.
    if not isinstance(source, str) or len(source) > 1000:
        raise CaseError("prevailing_wage.source", _("Must be text of at most 1000 characters."))
    return PrevailingWage(amount=amount, unit=unit, low=low, source=source.strip())


def _received_on(data: dict, today: date) -> date:
    value = data.get("received_on", MISSING)
    if value is MISSING:
        return today
    message = gettext_noop("%(value)s is not a date; expected YYYY-MM-DD, e.g. 2025-03-03.")
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise CaseError("received_on", _(message) % {"value": _shown(value)})
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CaseError("received_on", _(message) % {"value": _shown(value)}) from None


# The other way -----------------------------------------------------------------------------
def case_dict(facts: Facts) -> dict:
    """Facts as a case in the contract's format: what a decision stores, so that replaying it is
    ``parse_case(case_dict(facts))`` and gives the same facts back. The parts of a partial case
    never entered are left out (``PARTS``): a stored case says only what the officer entered."""
    case = {
        "country": facts.country,
        "status": facts.status.value,
        "category": facts.category.value,
    }
    if facts.noc_code is not None:
        case.update({
            "noc_code": facts.noc_code,
            "position": {q.value: q in facts.position for q in PositionQuestion},
            "province": facts.province.value,
        })
    if facts.education is not None:
        case.update({
            "regulated": facts.regulated,
            "licence_required": facts.licence_required,
            "licensed": facts.licensed,
            "education": {
                "credential": facts.education.credential.value,
                "years": facts.education.years,
                "country": facts.education.country,
                "related_field": facts.education.related_field,
            },
            "employer_letter": facts.employer_letter,
        })
    if facts.experience_months is not None:
        case["experience_months"] = facts.experience_months
    if facts.language is not None:
        case["language"] = {
            "satisfactory": facts.language.satisfactory,
            "offer_requirements_met": facts.language.offer_requirements_met,
        }
    if facts.wage is not None:
        case["wage"] = {"amount": facts.wage.amount, "unit": facts.wage.unit.value,
                        "hours_per_week": facts.wage.hours_per_week}
        case["non_monetary"] = dict(facts.non_monetary)
    if facts.noc_code is not None:
        case.update({
            "offer_number": facts.offer_number,
            "compliance_fee_paid": facts.compliance_fee_paid,
            "employment_months": facts.employment_months,
        })
    if facts.documents is not None:
        case["documents"] = {d.value: d in facts.documents for d in Document}
    case.update({
        "spouse": facts.spouse,
        "received_on": facts.received_on.isoformat(),
        "judgements": {j.value: answer for j, answer in sorted(facts.judgements)},
    })
    if facts.education is not None:
        case["noc_requirements_met"] = facts.noc_requirements_met
    case["extension"] = facts.extension
    if facts.documents is not None:
        case["extension_need_shown"] = facts.extension_need_shown
    if facts.economic_region is not None:
        case["economic_region"] = facts.economic_region
    if facts.prevailing_wage is not None:
        p = facts.prevailing_wage
        case["prevailing_wage"] = {"amount": p.amount, "unit": p.unit.value}
        if p.low is not None:
            case["prevailing_wage"]["low"] = p.low
        if p.source:
            case["prevailing_wage"]["source"] = p.source
    if facts.reference is not None:
        case["reference"] = facts.reference
    return case
