"""Issue 6, journey a: an officer assesses a case in French with the keyboard alone, from signing
in to a recorded decision, every page screenshotted and checked with axe in French and English."""

import re

from config.roles import OFFICER
from eligibility.models import Decision
from tests.browser.desk import follow, make_user, other_language
from tests.browser.keyboard import Keyboard
from tests.eligibility.wizard.journey import BASE

NEXT = "main button[name=next]"  # the visible one (a hidden copy comes first in the page)


def sign_in_with_the_keyboard(desk, page, username: str, language: str) -> None:
    page.goto(f"/{language}/accounts/login/")
    desk.look(page, f"sign-in-{language}")
    keys = Keyboard(page)
    keys.type("#id_username", username)
    keys.type("#id_password", "unused-in-tests-1")
    keys.press("main button[type=submit]")
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"


def look_in_english_too(desk, page, name: str, post) -> None:
    """A POST's answer has no address to open in the other language: ``post`` the same in an English
    tab (it saves nothing: an empty form's errors, an occupation checked) and look at the answer."""
    twin = page.context.new_page()
    try:
        twin.goto(other_language(page.url.split("#")[0]))
        post(twin)
        desk.look(twin, f"{name}-en", both_languages=False)
    finally:
        twin.close()


def assess_japanese_software_engineer(desk, page, case: dict) -> Decision:
    """From the officer's home to a recorded approval, in French, keyboard only."""
    keys = Keyboard(page)
    step = lambda name: re.search(rf"/fr/assessments/\d+/{name}/(#.*)?$", page.url)  # noqa: E731

    keys.press("form[action$='/assessments/new/'] button")
    assert step("case"), page.url
    desk.look(page, "case")
    # Continuing with nothing answered: the error summary takes the focus and links to the fields.
    keys.press(NEXT)
    assert keys.focused()["id"] == "error-summary", keys.focused()
    desk.look(page, "case-errors", both_languages=False)  # a POST's answer: its address GETs the blank form
    look_in_english_too(desk, page, "case-errors", lambda twin: follow(twin.locator(NEXT)))
    keys.activate("#error-summary a[href='#id_application_number']")
    assert keys.focused()["id"] == "id_application_number", keys.focused()
    answers = {**BASE["case"], **case}
    keys.type("#id_application_number", answers["application_number"])
    keys.type("#id_uci", answers["uci"])
    keys.type("#id_applicant_name", answers["applicant_name"])
    keys.date("#id_received_on", answers["received_on"])
    keys.choose("place_of_application", answers["place_of_application"])
    keys.select("#id_country", answers["country"])
    keys.choose("status", answers["status"])
    keys.choose("category", answers["category"])
    keys.date("#id_passport_expiry", answers["passport_expiry"])
    keys.choose("spouse", answers["spouse"])
    keys.choose("extension", answers["extension"])
    keys.press(NEXT)

    assert step("occupation"), page.url
    desk.look(page, "occupation")
    occupation = BASE["occupation"]
    keys.type("#id_noc", occupation["noc"])
    keys.press("button[name=check]")  # shows what the list says and asks Japan's position questions
    assert step("occupation"), page.url
    desk.look(page, "occupation-checked", both_languages=False)  # a POST's answer, as above

    def check_in_english(twin):
        twin.locator("#id_noc").fill(occupation["noc"])
        follow(twin.locator("button[name=check]"))
    look_in_english_too(desk, page, "occupation-checked", check_in_english)
    keys.select("#id_province", occupation["province"])
    # The economic region list offers the province's regions only (static/js/economic-region.js);
    # none is chosen: the province as a whole is compared.
    assert page.eval_on_selector("#id_economic_region option[value=ER3570]", "o => !o.hidden")
    assert page.eval_on_selector("#id_economic_region option[data-province=QC]", "o => o.hidden")
    keys.type("#id_employer", occupation["employer"])
    keys.type("#id_job_title", occupation["job_title"])
    keys.type("#id_offer_number", occupation["offer_number"])
    keys.choose("compliance_fee_paid", occupation["compliance_fee_paid"])
    keys.type("#id_employment_months", occupation["employment_months"])
    keys.choose("position_researcher", "no")
    keys.choose("position_academic_entity", "no")
    keys.press(NEXT)

    assert step("credentials"), page.url
    desk.look(page, "credentials")
    credentials = BASE["credentials"]
    keys.select("#id_credential", credentials["credential"])
    keys.type("#id_years", credentials["years"])
    keys.select("#id_education_country", credentials["education_country"])
    keys.choose("related_field", credentials["related_field"])
    keys.choose("noc_requirements_met", credentials["noc_requirements_met"])
    keys.choose("regulated", credentials["regulated"])
    keys.choose("licence_required", credentials["licence_required"])
    keys.choose("licensed", credentials["licensed"])
    keys.press(NEXT)

    assert step("experience"), page.url
    desk.look(page, "experience")
    [period] = BASE["experience"]["periods"]
    keys.type("#id_period-0-employer", period["employer"])
    keys.date("#id_period-0-start", period["start"])
    keys.date("#id_period-0-end", period["end"])
    keys.type("#id_period-0-hours_per_week", period["hours_per_week"])
    keys.press(NEXT)

    assert step("language"), page.url
    desk.look(page, "language")
    language = BASE["language"]
    keys.choose("satisfactory", language["satisfactory"])
    keys.type("#id_evidence", language["evidence"])
    keys.choose("offer_states_requirements", language["offer_states_requirements"])
    keys.press(NEXT)

    assert step("remuneration"), page.url
    desk.look(page, "remuneration")
    pay = BASE["remuneration"]
    keys.type("#id_amount", pay["amount"])
    keys.select("#id_unit", pay["unit"])
    keys.type("#id_hours_per_week", pay["hours_per_week"])
    keys.enter()  # Enter in a field saves and continues (the form's first button)

    assert step("documents"), page.url
    desk.look(page, "documents")
    for name in BASE["documents"]:
        keys.check(f"#id_{name}")
    keys.press(NEXT)

    assert step("review"), page.url
    desk.look(page, "review")
    keys.press("main a.btn-primary[href$='/decision/']")  # "Continue to the decision"

    assert step("decision"), page.url
    desk.look(page, "decision")
    keys.choose("decision", "approve")
    keys.press("main form button[type=submit]")

    found = re.search(r"/fr/decisions/(\d+)/(#.*)?$", page.url)
    assert found, page.url
    desk.look(page, "decision-recorded")
    return Decision.objects.get(pk=found.group(1))


def test_an_officer_assesses_a_case_in_french_with_the_keyboard_alone(desk):
    make_user("agent", OFFICER)
    page = desk.page()
    sign_in_with_the_keyboard(desk, page, "agent", "fr")
    desk.look(page, "home")

    decision = assess_japanese_software_engineer(desk, page, {"application_number": "W301234567"})

    assert (decision.outcome, decision.decision, decision.officer.username) == ("eligible", "approve", "agent")
    assert decision.facts["country"] == "JP" and decision.facts["noc_code"] == "21231"
