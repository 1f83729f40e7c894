"""The complete record of one decision, for an access-to-information request or a court file: every
fact with a readable label, the other details of the case, the reviews, every version (the chain of
corrections and amendments) and a history of who did what, when. Rendered as a print view and,
through WeasyPrint, as a tagged PDF.

Reads only. Times are shown in the project's time zone; codes become labels in the page's language.
"""

import json
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eligibility.casefile import PARTS
from eligibility.choices import PlaceOfApplication
from eligibility.models import Decision
from eligibility.reasons import money_text
from eligibility.rulebook.codes import Criterion
from eligibility.templatetags.desk import country_name
from eligibility.wizard.steps import CRITERION_TITLES, TITLES, Step
from occupations import choices
from occupations.selectors import unit_group

from .models import AccessEvent, Review, ReviewItem

NOT_ANSWERED = _("Not answered")
NONE = "—"


# Facts, with readable labels ----------------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    label: str
    value: str


@dataclass(frozen=True)
class Group:
    title: str
    lines: tuple[Line, ...]
    not_entered: bool = False  # the step was never answered: the case holds none of its facts


def _number(value, decimals=None) -> str:
    if isinstance(value, float) and decimals is None and value.is_integer():
        value = int(value)
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _yes_no(value, none=NOT_ANSWERED) -> str:
    return {True: _("Yes"), False: _("No"), None: none}.get(value, str(value))


def _label(labels: dict):
    return lambda value: str(labels.get(value, value))


def _money(data: dict) -> str:
    """An amount with its currency and unit: "$65.00 per hour"."""
    return f"{money_text(data.get('amount'))} {choices.WAGE_UNIT.get(data.get('unit'), data.get('unit'))}"


def _wage(data: dict) -> str:
    return _("%(money)s, %(hours)s hours a week") % {"money": _money(data), "hours": _number(data.get("hours_per_week"))}


def _prevailing(data) -> str:
    if not data:
        return str(_("Not entered: the wage table applies"))
    text = _money(data)
    if data.get("low") is not None:
        text += " " + str(_("(low: %(low)s)") % {"low": money_text(data["low"])})
    return text


def _occupation(code) -> str:
    found = unit_group(code) if code else None
    if found is None:
        return str(code)
    title = found.title_fr if get_language() == "fr" and found.title_fr else found.title_en
    return f"{code} — {title}"


# (step, [(field in the case format, label, formatter)]); position, documents and non_monetary expand.
FACT_GROUPS = (
    (Step.CASE, (
        ("reference", _("Application number (reference)"), str),
        ("received_on", _("Received on"), str),
        ("country", _("Country (party to the agreement)"), country_name),
        ("status", _("Status in that country"), _label(choices.STATUS)),
        ("category", _("Category"), _label(choices.CATEGORY)),
        ("spouse", _("Accompanied by a spouse or common-law partner"), _yes_no),
    )),
    (Step.OCCUPATION, (
        ("noc_code", _("Occupation (NOC 2021)"), _occupation),
        ("position", None, None),
        ("province", _("Province or territory of work"), _label(choices.PROVINCE)),
        ("offer_number", _("Offer of employment number"), str),
        ("compliance_fee_paid", _("Employer compliance fee paid"), _yes_no),
        ("employment_months", _("Length of the employment offered (months)"), _number),
    )),
    (Step.CREDENTIALS, (
        ("education.credential", _("Highest credential"), _label(choices.CREDENTIAL)),
        ("education.years", _("Years of post-secondary study"), _number),
        ("education.country", _("Country where the credential was obtained"), country_name),
        ("education.related_field", _("Studies related to the occupation"), _yes_no),
        ("employer_letter", _("Letter from the employer accepting the qualification"), _yes_no),
        ("regulated", _("Occupation regulated in the province"),
         lambda v: _yes_no(v, none=_("Not stated: the regulation table applies"))),
        ("licence_required", _("Licence or certification required to work"), _yes_no),
        ("licensed", _("Holds the licence or certification"), _yes_no),
    )),
    (Step.EXPERIENCE, (
        ("experience_months", _("Paid experience (full-time months)"), _number),
    )),
    (Step.LANGUAGE, (
        ("language.satisfactory", _("Language ability satisfactory"),
         lambda v: _yes_no(v, none=_("Undecided: left to the officer"))),
        ("language.offer_requirements_met", _("Language requirements stated in the offer met"),
         lambda v: _yes_no(v, none=_("The offer states none"))),
    )),
    (Step.REMUNERATION, (
        ("wage", _("Wage offered"), _wage),
        ("non_monetary", None, None),
        ("prevailing_wage", _("Prevailing wage entered by the officer"), _prevailing),
    )),
    (Step.DOCUMENTS, (
        ("documents", None, None),
    )),
)
_MISSING = object()


def _get(case: dict, path: str):
    value = case
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _expanded(case: dict, name: str) -> list[Line]:
    value = case.get(name)
    if name == "position":
        return [Line(str(choices.POSITION_QUESTION.get(q, q)), str(_yes_no(a))) for q, a in (value or {}).items()]
    if name == "documents":
        return [Line(str(choices.DOCUMENT.get(d, d)), str(_("Provided") if a else _("Not provided")))
                for d, a in (value or {}).items()]
    if not value:  # non_monetary
        return [Line(str(_("Non-monetary compensation")), str(_("None")))]
    return [Line(str(_("Non-monetary compensation: %(name)s") % {"name": k}),
                 str(_("%(amount)s a year") % {"amount": money_text(v)})) for k, v in value.items()]


def fact_groups(case: dict) -> list[Group]:
    """Every stored fact, grouped by the wizard step it is entered on. A step never answered
    (the case was decided on an earlier criterion) has no facts stored and is shown as not
    entered. Fields outside the case format (there should be none) are still shown, under their
    own names, so nothing is left out."""
    groups, shown = [], set()
    for step, fields in FACT_GROUPS:
        shown.update(path.split(".")[0] for path, _label, _show in fields)
        opened_by = PARTS.get(step.value)
        if opened_by is not None and opened_by not in case:
            groups.append(Group(str(TITLES[step]), (), not_entered=True))
            continue
        lines = []
        for path, label, show in fields:
            if label is None:
                lines += _expanded(case, path) if path in case or path == "non_monetary" else []
                continue
            value = _get(case, path)
            if value is _MISSING and path not in ("prevailing_wage",):
                continue
            lines.append(Line(str(label), str(show(None if value is _MISSING else value))))
        groups.append(Group(str(TITLES[step]), tuple(lines)))
    others = [Line(k, json.dumps(case[k], ensure_ascii=False)) for k in case if k not in shown]
    if others:
        groups.append(Group(str(_("Other fields")), tuple(others)))
    return groups


# Other details kept with the decision ------------------------------------------------------------
def _periods(periods) -> str:
    return "; ".join(
        str(_("%(start)s to %(end)s, %(hours)s hours a week")
            % {"start": p.get("start"), "end": p.get("end"), "hours": _number(p.get("hours_per_week"))})
        for p in periods) or NONE


DETAILS = {
    "place_of_application": (_("Place of application"), _label(dict(PlaceOfApplication.choices))),
    "passport_expiry": (_("Passport expires"), str),
    "employer": (_("Employer"), str),
    "job_title": (_("Job title"), str),
    "regulated_reason": (_("Why the occupation is or is not regulated"), str),
    "experience_periods": (_("Periods of work experience"), _periods),
    "language_evidence": (_("Evidence of language ability"), str),
    "other_non_monetary": (_("Other non-monetary compensation, described"), str),
    "prevailing_reason": (_("Why the prevailing wage was entered"), str),
    "unanswered_steps": (_("Steps not answered"), lambda steps: ", ".join(str(TITLES.get(s, s)) for s in steps)),
}


def detail_lines(details: dict) -> list[Line]:
    lines = []
    for key, value in details.items():
        label, show = DETAILS.get(key, (key, lambda v: json.dumps(v, ensure_ascii=False)))
        lines.append(Line(str(label), NONE if value in (None, "", [], {}) else show(value) or NONE))
    return lines


# Versions, reviews, history ----------------------------------------------------------------------
VERSION_KINDS = {"original": _("Original decision"), "correction": _("Correction by the officer"),
                 "amendment": _("Amendment after a supervisor's review")}


@dataclass(frozen=True)
class Version:
    decision: Decision
    kind: str  # a key of VERSION_KINDS
    is_this: bool

    @property
    def kind_label(self) -> str:
        return str(VERSION_KINDS[self.kind])


@dataclass(frozen=True)
class Event:
    at: datetime
    who: str
    what: str
    decision_id: int
    detail: str = ""
    version: str = ""  # the version it concerns, as people name it: when it was recorded


@dataclass(frozen=True)
class Record:
    decision: Decision
    facts: list[Group]
    details: list[Line]
    versions: list[Version]
    items: dict  # decision id -> ReviewItem
    reviews: list[Review]
    history: list[Event]
    # Decision id -> when it was recorded ("2026-12-01 14:03"): how the pages name a version,
    # never by its database id.
    recorded: dict = field(default_factory=dict)
    time_zone: str = field(default_factory=lambda: settings.TIME_ZONE)

    @property
    def name(self) -> str:
        """The decision as a title names it: its application number, else when it was recorded."""
        return self.decision.application_number or self.recorded.get(self.decision.pk, "")

    @property
    def amended_by(self) -> str:
        """When the amendment that answered this decision's review was recorded, if there is one."""
        item = self.item
        return self.recorded.get(item.amended_by_id, "") if item and item.amended_by_id else ""

    @property
    def review_rows(self) -> list[tuple]:
        """(review, the version it was made on, as recorded)."""
        return [(r, self.recorded.get(r.item.decision_id, "")) for r in self.reviews]

    @property
    def item(self) -> ReviewItem | None:
        """This decision's place in the review queue, if it has one."""
        return self.items.get(self.decision.pk)

    @property
    def superseded_by(self) -> Decision | None:
        """The correction of this decision, if it has one: then it no longer stands."""
        return next((v.decision for v in self.versions if v.decision.corrects_id == self.decision.pk), None)


MAX_VERSIONS = 200  # a guard against a corrupted chain, far above any real one

REVIEW_EVENTS = {
    Review.Verdict.CONCUR: _("Reviewed: concurred"),
    Review.Verdict.DISAGREE: _("Reviewed: disagreed (returned to the officer)"),
    Review.Verdict.RETURN: _("Reviewed: returned to the officer for amendment"),
}


def versions_of(decision: Decision) -> list[Decision]:
    """The whole chain the decision belongs to: the original, and every correction of it and of
    its corrections, oldest first. One query per step up or down the chain."""
    light = Decision.objects.select_related("officer").defer("facts", "working", "details")
    root, seen = decision, {decision.pk}
    while root.corrects_id and root.corrects_id not in seen and len(seen) < MAX_VERSIONS:
        root = light.get(pk=root.corrects_id)
        seen.add(root.pk)
    family, frontier = {root.pk: root}, [root.pk]
    while frontier and len(family) < MAX_VERSIONS:
        children = [d for d in light.filter(corrects_id__in=frontier) if d.pk not in family]
        family.update((d.pk, d) for d in children)
        frontier = [d.pk for d in children]
    family[decision.pk] = decision
    return sorted(family.values(), key=lambda d: (d.created_at, d.pk))


def complete_record(decision: Decision) -> Record:
    chain = versions_of(decision)
    ids = [d.pk for d in chain]
    items = {i.decision_id: i for i in ReviewItem.objects.filter(decision_id__in=ids)}
    reviews = list(Review.objects.filter(item__decision_id__in=ids).select_related("supervisor", "item")
                   .order_by("created_at", "id"))
    access = AccessEvent.objects.filter(decision_id__in=ids).exclude(action=AccessEvent.Action.REVIEW) \
        .select_related("user").order_by("at", "id")

    versions = []
    for d in chain:
        kind = "original" if not d.corrects_id else (
            "amendment" if getattr(items.get(d.corrects_id), "amended_by_id", None) == d.pk else "correction")
        versions.append(Version(d, kind, d.pk == decision.pk))

    history = []
    recorded = {d.pk: formats.date_format(timezone.localtime(d.created_at), "Y-m-d H:i") for d in chain}
    for v in versions:
        d = v.decision
        detail = [f"{_('Decision')}: {d.get_decision_display()}", f"{_('Indicative outcome')}: {d.get_outcome_display()}"]
        if d.departs:
            detail.append(str(_("departs from the indicative outcome")))
        if d.corrects_id in recorded:
            detail.append(str(_("corrects the decision recorded %(recorded)s: %(reason)s") % {
                "recorded": recorded[d.corrects_id], "reason": d.correction_reason}))
        history.append(Event(d.created_at, d.officer.get_username(), str(_("Recorded")) + f" ({v.kind_label})",
                             d.pk, "; ".join(detail)))
    for item in items.values():
        history.append(Event(item.queued_at, str(_("the desk")), str(_("Entered the review queue")), item.decision_id,
                             str(item.get_why_display())))
    for r in reviews:
        detail = ", ".join(str(CRITERION_TITLES.get(c, c)) for c in _criteria(r.criteria))
        if r.comment:
            detail = f"{detail}: {r.comment}" if detail else r.comment
        history.append(Event(r.created_at, r.supervisor.get_username(), str(REVIEW_EVENTS[r.verdict]),
                             r.item.decision_id, detail))
    for e in access:
        history.append(Event(e.at, e.user.get_username(), str(e.get_action_display()), e.decision_id, e.detail))
    history.sort(key=lambda e: e.at)
    history = [replace(e, version=recorded.get(e.decision_id, "")) for e in history]

    return Record(decision=decision, facts=fact_groups(decision.facts),
                  details=detail_lines(decision.details), versions=versions, items=items, reviews=reviews,
                  history=history, recorded=recorded)


def _criteria(codes):
    for code in codes or ():
        try:
            yield Criterion(code)
        except ValueError:
            yield code


