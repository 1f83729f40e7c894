"""Each step's form, built for the case at hand, and what the page shows beside it.

The rule set (for the date received) says what to ask: the position questions and judgements of
the occupation's list entries, the regions of the province, whether the country's rule asks for
the employer's letter, the regulation table's entry, the published wage. The engine, run on the
answers, says which judgements the education raises. Nothing here decides a criterion.
"""

from datetime import date

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from eligibility import rulebook
from eligibility.casefile import CaseError
from eligibility.reasons import source_text
from eligibility.rulebook.codes import Category, Criterion, ListingKind
from eligibility.snapshot import ruleset_on
from eligibility.working import criterion_rows
from occupations import choices, wordings
from occupations import selectors as occupation_selectors
from occupations.citations import cited

from . import progress
from .answers import TRIAL_STAND_INS, facts_from_answers
from .forms.case import CaseForm
from .forms.credentials import CredentialsForm
from .forms.documents import DocumentsForm
from .forms.experience import ExperienceStep
from .forms.language import LanguageForm
from .forms.occupation import OccupationForm, region_name
from .forms.remuneration import RemunerationForm
from .steps import Step

FORMS = {
    Step.CASE: CaseForm,
    Step.OCCUPATION: OccupationForm,
    Step.CREDENTIALS: CredentialsForm,
    Step.LANGUAGE: LanguageForm,
    Step.REMUNERATION: RemunerationForm,
    Step.DOCUMENTS: DocumentsForm,
}


def case_context(answers: dict):
    """(ruleset for the date received, country, category) from the case step, or today's rules."""
    case = answers.get(Step.CASE.value) or {}
    day = date.fromisoformat(case["received_on"]) if case.get("received_on") else timezone.localdate()
    ruleset = ruleset_on(day)
    return ruleset, case.get("country"), case.get("category")


def build(step: Step, answers: dict, data=None):
    """The step's form, bound to ``data`` when posted, and what the page shows beside it."""
    saved = answers.get(step.value)
    ruleset, country, category = case_context(answers)
    parties = tuple(c.code for c in ruleset.countries)
    if step is Step.EXPERIENCE:
        case = answers.get(Step.CASE.value) or {}
        received_on = date.fromisoformat(case["received_on"]) if case.get("received_on") else None
        return ExperienceStep(data, initial=saved, received_on=received_on), {}
    if step is Step.CASE:
        return CaseForm(data, initial=CaseForm.initial_from(saved), parties=parties), {}
    if step is Step.OCCUPATION:
        return _occupation(answers, data, ruleset, country, category)
    if step is Step.CREDENTIALS:
        return _credentials(answers, data, ruleset, country, category, parties)
    if step is Step.REMUNERATION:
        return _remuneration(answers, data, ruleset, category)
    if step is Step.DOCUMENTS:
        case = answers.get(Step.CASE.value) or {}
        return DocumentsForm(data, initial=DocumentsForm.initial_from(saved), extension=bool(case.get("extension"))), {}
    return FORMS[step](data, initial=FORMS[step].initial_from(saved)), {}


# Occupation -----------------------------------------------------------------------------------
def _occupation(answers, data, ruleset, country, category):
    saved = answers.get(Step.OCCUPATION.value)
    def questions_for(code):
        return ruleset.position_questions(country, Category(category), code) if country and category else ()

    def judgements_for(code):
        return judgement_clauses(ruleset, country, Category(category), code) if country and category else ()

    options = {"questions_for": questions_for, "judgements_for": judgements_for, "regions": ruleset.regions,
               "known_code": ruleset.knows_unit_group if ruleset.unit_groups else None}
    if data is not None and "check" in data:
        # "Check this occupation": show what the rules say of it, and its questions, unsaved.
        initial = {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"}
        form = OccupationForm(initial=initial, **options)
        form.checking = True
    else:
        form = OccupationForm(data, initial=OccupationForm.initial_from(saved), **options)
    context = {}
    code = form.noc_code or (saved or {}).get("noc_code")
    if form.unknown_code:
        context.update(noc_code=code, unknown_code=True)
    elif code:
        context.update(_occupation_info(answers, code))
    return form, context


def judgement_clauses(ruleset, country: str, category: Category, code: str):
    """The judgements the occupation's list entries leave to the officer, each with the clause
    it comes from (the entry's wording and citation), for the question's help text."""
    clauses = {}
    for kind in ListingKind:
        for entry in ruleset.listings_for(country, category, kind, code):
            if entry.officer_judgement is not None and entry.wording:
                clauses.setdefault(entry.officer_judgement, {})[entry.wording] = entry.source
    asked = []
    for judgement in ruleset.judgements_for(country, category, code):
        quoted = format_html_join("; ", "“{}” ({})", ((wordings.wording(wording), cited(source))
                                                      for wording, source in clauses.get(judgement, {}).items()))
        asked.append((judgement, format_html(_("From the country's list: {clauses}"), clauses=quoted)
                      if quoted else ""))
    return tuple(asked)


def _occupation_info(answers: dict, code: str) -> dict:
    """The occupation's title and TEER, and what the engine says of it for this case."""
    trial = dict(answers)
    trial[Step.OCCUPATION.value] = {**(answers.get(Step.OCCUPATION.value) or TRIAL_STAND_INS[Step.OCCUPATION]),
                                    "noc_code": code}
    _facts, result = progress.assess_answers(trial, timezone.localdate())
    row = None
    if result is not None:
        row = next(r for r in criterion_rows(result.as_dict()) if r.criterion.value == "occupation")
    return {"noc_code": code, "unit_group": occupation_selectors.unit_group(code), "teer": code[1],
            "occupation_row": row}


# Credentials ----------------------------------------------------------------------------------
def _credentials(answers, data, ruleset, country, category, parties):
    saved = answers.get(Step.CREDENTIALS.value)
    occ = answers.get(Step.OCCUPATION.value) or {}
    letter = letter_for_all = False
    if country and category and ruleset.covers(Category(category)):
        rule = ruleset.category_rule(country, Category(category))
        letter_for_all = rule.employer_letter_for_all
        letter = letter_for_all or rule.equivalence_requires_employer_letter
    table = ruleset.regulation(occ["noc_code"], occ["province"]) if occ else None
    judged = education_judgements(answers, ruleset)
    form = CredentialsForm(data, initial=CredentialsForm.initial_from(saved), parties=parties, letter_asked=letter,
                           letter_for_all=letter_for_all, table_says=table, noc_code=occ.get("noc_code"),
                           judged=judged, asked=judged(saved) if saved and data is None else None)
    return form, {"regulation": table}


def education_judgements(answers: dict, ruleset):
    """A function of the credentials step's answers giving the judgements the engine raises on
    the education criterion for them (with the rest of the case as answered), each with the
    part of the instructions its finding cites. ``ruleset``: the rules in force on the date
    received, already read for the step."""
    today = timezone.localdate()

    def judged(credentials: dict) -> dict[str, str]:
        # Answers of the step not given yet stand in neutrally: only the education's findings are read.
        given = {k: v for k, v in credentials.items() if v is not None and v != ""}
        trial = {**answers, Step.CREDENTIALS.value: {**TRIAL_STAND_INS[Step.CREDENTIALS], **given}}
        try:
            facts = facts_from_answers(trial, today)
            result = rulebook.assess(facts, ruleset)
        except (CaseError, rulebook.NoRulesInForce):
            return {}
        raised = result.judgements(criteria={Criterion.EDUCATION})
        cites = {}
        for finding in result.criterion(Criterion.EDUCATION).findings:
            code = finding.reason.param_dict.get("judgement")
            if code:
                cites.setdefault(code, source_text(finding))
        return {code: cites.get(code, "") for code in raised}

    return judged


# Remuneration ---------------------------------------------------------------------------------
def _remuneration(answers, data, ruleset, category):
    saved = answers.get(Step.REMUNERATION.value)
    occ = answers.get(Step.OCCUPATION.value) or {}
    row = ruleset.wage(occ["noc_code"], occ["province"], occ.get("economic_region") or None) if occ else None
    context = {"wage_row": row, "comparator": comparator(row, occ, ruleset) if row else None,
               "occupation_answered": bool(occ)}
    # Without the occupation step the comparator is not known yet, and with no rules in force on
    # the date received nothing is assessed: the officer's figures are required in neither case.
    assessed = bool(occ) and bool(category) and ruleset.covers(Category(category))
    form = RemunerationForm(data, initial=RemunerationForm.initial_from(saved), published=row is not None or not assessed)
    return form, context


def comparator(row, occ: dict, ruleset) -> dict:
    """The published wage the engine compares with, in the words the page shows: the economic
    region's, else the province's, else Canada's (the row ``RuleSet.wage`` found)."""
    origin = row.origin
    area = {"region": region_name(row.region_name), "canada": "",
            "province": choices.PROVINCE.get(row.province, row.province)}[origin]
    chosen = occ.get("economic_region")
    region = ruleset.region(chosen) if chosen else None
    return {"origin": origin, "area": area, "period": row.reference_period, "median": row.median, "low": row.low,
            # As the engine's reason cites the row; shown as the row's citation (the ``cited`` filter).
            "annual": row.annual, "source": row.citation,
            # The region chosen has no published wage of its own: the wider area's is used.
            "region_without_wage": region_name(region.name) if region and origin != "region" else ""}
