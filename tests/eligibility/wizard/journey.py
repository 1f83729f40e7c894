"""Driving the wizard through the Django test client, step by step, as an officer would.

``plan(country, category, **steps)`` gives the POST data of every answer step for a case the
rules find eligible (each country × category has its own occupation and credentials), with
per-step overrides: ``plan("MX", "technician", occupation={"noc": "72300"})``; a value of ``None``
drops a field. ``Wizard.start(client).walk(...)`` posts the steps in order, ``record`` decides.
"""

import html
import re
from datetime import date, timedelta

from django.urls import resolve, reverse

from eligibility.models import Assessment, Decision
from eligibility.rulebook.counting import add_months

PASSWORD = "unused-in-tests-1"  # the personas' password (tests/conftest.py)
ANSWER_STEPS = ("case", "occupation", "credentials", "experience", "language", "remuneration", "documents")
CRITERIA = ("status", "occupation", "education", "experience", "credentials", "language", "remuneration",
            "employer", "documentation")

# A Japanese software engineer in Ontario whom the rules find eligible. Received after the wage
# table's rows came into force (2025-11-19), so the prevailing wage comes from the table.
BASE = {
    "case": {
        "application_number": "W301234567", "uci": "1234-5678", "applicant_name": "Hanako Sato",
        "received_on": "2025-12-01", "place_of_application": "outside_canada", "country": "JP",
        "status": "citizen", "category": "professional", "passport_expiry": "2035-06-30", "spouse": "no",
        "extension": "no",
    },
    "occupation": {
        "noc": "21231", "province": "ON", "employer": "Acme Software Inc.", "job_title": "Software engineer",
        "offer_number": "A1234567", "compliance_fee_paid": "yes", "employment_months": "12",
    },
    "credentials": {
        "credential": "bachelor", "years": "4", "education_country": "JP", "related_field": "yes",
        "regulated": "table", "licence_required": "no", "licensed": "no", "noc_requirements_met": "yes",
    },
    # Six years full time: enough for technicians (48 months) and professionals (24).
    "experience": {"periods": [{"employer": "Fujitsu", "start": "2019-01-01", "end": "2024-12-31",
                                "hours_per_week": "40"}]},
    "language": {"satisfactory": "yes", "evidence": "Interview in English", "offer_states_requirements": "no"},
    "remuneration": {"amount": "120000", "unit": "year", "hours_per_week": "40"},
    "documents": {"job_description": "on", "duration": "on", "payment_arrangements": "on", "credentials": "on"},
}

_TECHNICIAN = {"noc": "22300", "job_title": "Civil engineering technician"}  # on all three lists; not regulated in ON
# What makes each country × category an eligible case: an occupation on (or not excluded from)
# its list, credentials its rule accepts, and the questions its rules ask answered (Australian
# professionals need the Canadian employer's letter whatever their degree).
PROFILES = {
    ("AU", "professional"): {"occupation": {"noc": "21231"},
                             "credentials": {"education_country": "AU", "employer_letter": "yes"}},
    ("JP", "professional"): {"occupation": {"noc": "21231", "position_researcher": "no",
                                            "position_academic_entity": "no"}},
    ("MX", "professional"): {"occupation": {"noc": "21231"}, "credentials": {"education_country": "MX"}},
    ("AU", "technician"): {"occupation": _TECHNICIAN,
                           "credentials": {"credential": "diploma", "years": "2", "education_country": "AU"}},
    ("JP", "technician"): {"occupation": _TECHNICIAN, "credentials": {"credential": "associate", "years": "2"}},
    ("MX", "technician"): {"occupation": _TECHNICIAN,
                           "credentials": {"credential": "diploma", "years": "2", "education_country": "MX"}},
}
COUNTRY_CATEGORIES = tuple(PROFILES)


def _merged(base: dict, changes: dict | None) -> dict:
    result = dict(base)
    for key, value in (changes or {}).items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def plan(country: str = "JP", category: str = "professional", **steps) -> dict:
    """Every answer step's data: the base case, the country × category profile, then ``steps``."""
    profile = PROFILES.get((country, category), {})
    answers = {}
    for step in ANSWER_STEPS:
        data = _merged(BASE[step], profile.get(step))
        if step == "case":
            data.update(country=country, category=category)
        answers[step] = _merged(data, steps.get(step))
    return answers


def experience_data(periods: list[dict], **extra) -> dict:
    """The experience step's formset data (prefix "period") for these periods."""
    data = {"period-TOTAL_FORMS": str(len(periods)), "period-INITIAL_FORMS": "0",
            "period-MIN_NUM_FORMS": "0", "period-MAX_NUM_FORMS": "30"}
    for i, period in enumerate(periods):
        data.update({f"period-{i}-{k}": v for k, v in period.items()})
    data.update(extra)
    return data


def post_data(step: str, answers: dict) -> dict:
    return experience_data(answers["periods"]) if step == "experience" else answers


def period(start: str, end: str, hours: str = "40", employer: str = "Employer on file") -> dict:
    return {"employer": employer, "start": start, "end": end, "hours_per_week": hours}


def months_of_experience(months: int, ending: date = date(2025, 10, 31)) -> dict:
    """The experience step's answers: one full-time period of exactly ``months`` (none for 0)."""
    if months == 0:
        return {"periods": []}
    start = add_months(ending + timedelta(days=1), -months)
    return {"periods": [period(start.isoformat(), ending.isoformat())]}


# Reading pages ------------------------------------------------------------------------------
def text(response) -> str:
    """The page's text, tags dropped and white space collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def _summary(response) -> str:
    found = re.search(r'<div class="alert alert-danger error-summary".*?</ul>', response.content.decode(), re.S)
    return found.group(0) if found else ""


def page_errors(response) -> list[str]:
    """The items of the error summary at the top of the page."""
    items = re.findall(r"<li>(.*?)</li>", _summary(response), re.S)
    return [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", item))).strip() for item in items]


def summary_links(response) -> list[str]:
    """The ids the error summary links to."""
    return re.findall(r'<a href="#([^"]+)"', _summary(response))


def field_names(response) -> set[str]:
    return set(re.findall(r'name="([^"]+)"', response.content.decode()))


def input_value(response, name: str) -> str | None:
    """The value a text-like input is shown with (None when the input is absent or empty)."""
    for tag in re.findall(r"<input\b[^>]*>", response.content.decode()):
        if f'name="{name}"' in tag:
            found = re.search(r'value="([^"]*)"', tag)
            return html.unescape(found.group(1)) if found else None
    return None


def checked_value(response, name: str) -> str | None:
    """The value of the checked radio button (or selected option) named ``name``."""
    page = response.content.decode()
    for tag in re.findall(r"<input\b[^>]*>", page):
        if f'name="{name}"' in tag and "checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    if select:
        found = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(0))
        return found.group(1) if found else None
    return None


def textarea(response, element_id: str) -> str | None:
    found = re.search(rf'<textarea[^>]*id="{element_id}"[^>]*>(.*?)</textarea>', response.content.decode(), re.S)
    return html.unescape(found.group(1)) if found else None


# The wizard ---------------------------------------------------------------------------------
def decision_from(response) -> Decision:
    assert response.status_code == 302, page_errors(response) or response.status_code
    match = resolve(response.url)
    assert match.url_name == "decision-detail", response.url
    return Decision.objects.get(pk=match.kwargs["pk"])


def decision_url(decision: Decision) -> str:
    return reverse("decision-detail", args=[decision.pk])


class Wizard:
    """One assessment, driven through one client (one officer's browser)."""

    def __init__(self, client, pk: int):
        self.client = client
        self.pk = pk

    @classmethod
    def start(cls, client) -> "Wizard":
        response = client.post(reverse("wizard-start"))
        assert response.status_code == 302, response.status_code
        return cls(client, resolve(response.url).kwargs["pk"])

    def url(self, step: str) -> str:
        return reverse("wizard-step", args=[self.pk, step])

    def get(self, step: str):
        return self.client.get(self.url(step))

    def post(self, step: str, data: dict, button: str = "next"):
        """Post a step's raw form data, pressing ``button`` ("next", "back", "to_review", "check")."""
        return self.client.post(self.url(step), {**data, button: "1"})

    def answer(self, step: str, answers: dict, button: str = "next"):
        """Post one step's answers and insist they were accepted."""
        response = self.post(step, post_data(step, answers), button)
        assert response.status_code == 302, (step, page_errors(response) or response.status_code)
        return response

    def walk(self, country: str = "JP", category: str = "professional", until: str | None = None,
             **steps) -> "Wizard":
        """Answer the steps in order: all of them, or those before ``until``."""
        answers = plan(country, category, **steps)
        for step in ANSWER_STEPS:
            if step == until:
                break
            self.answer(step, answers[step])
        return self

    def decide(self, decision: str = "approve", **fields):
        return self.client.post(self.url("decision"), {"decision": decision, **fields})

    def record(self, decision: str = "approve", **fields) -> Decision:
        return decision_from(self.decide(decision, **fields))

    @property
    def assessment(self) -> Assessment:
        return Assessment.objects.get(pk=self.pk)

    @property
    def answers(self) -> dict:
        return self.assessment.answers


def results(decision: Decision) -> dict:
    """Criterion → met / not_met / undetermined, as recorded."""
    return {c: decision.working["criteria"][c]["result"] for c in CRITERIA}
