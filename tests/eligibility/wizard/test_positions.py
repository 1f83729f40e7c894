"""The position questions appear only when the occupation meets an exclusion or listing that
turns on them for this country; the occupation step says at once whether it is on the list."""

import pytest

from tests.eligibility.wizard.journey import Wizard, decision_url, field_names, page_errors, plan, results, text

pytestmark = pytest.mark.django_db

NOTARY = "Are the duties those of a notary?"
CONSULTANT = "Is the position that of a foreign legal consultant?"


def at_occupation(client, country, category="professional") -> Wizard:
    return Wizard.start(client).walk(country, category, until="occupation")


def check(wizard, country, category, noc):
    """Type the occupation and press "Check this occupation" (nothing is saved)."""
    return wizard.post("occupation", plan(country, category, occupation={"noc": noc})["occupation"], button="check")


def questions(response) -> set[str]:
    return {name for name in field_names(response) if name.startswith("position_")}


def test_asks_australian_lawyer_whether_a_notary(officer_client):
    wizard = at_occupation(officer_client, "AU")

    page = check(wizard, "AU", "professional", "41101")

    assert questions(page) == {"position_notary"}
    assert NOTARY in text(page) and CONSULTANT not in text(page)
    assert "occupation" not in wizard.answers  # checking saves nothing


def test_asks_japanese_lawyer_whether_a_foreign_legal_consultant(officer_client):
    wizard = at_occupation(officer_client, "JP")

    page = check(wizard, "JP", "professional", "41101")

    # Japan also excludes researchers except at an academic entity, whatever the occupation.
    assert questions(page) == {"position_foreign_legal_consultant", "position_researcher", "position_academic_entity"}
    assert CONSULTANT in text(page) and NOTARY not in text(page)


def test_asks_mexican_civil_engineer_neither(officer_client):
    wizard = at_occupation(officer_client, "MX")

    page = check(wizard, "MX", "professional", "21300")

    assert questions(page) == set()
    assert NOTARY not in text(page) and CONSULTANT not in text(page)
    wizard.answer("occupation", plan("MX", occupation={"noc": "21300"})["occupation"])
    assert wizard.answers["occupation"]["position"] == {}


def test_asks_mexican_lawyer_whether_a_foreign_legal_consultant(officer_client):
    page = check(at_occupation(officer_client, "MX"), "MX", "professional", "41101")

    assert questions(page) == {"position_foreign_legal_consultant"}


def test_asks_japanese_oil_well_technician_whether_an_operator(officer_client):
    page = check(at_occupation(officer_client, "JP", "technician"), "JP", "technician", "83101")

    assert questions(page) == {"position_operator"}


def test_saving_without_answering_the_question_asks_for_it(officer_client):
    """Without JavaScript or the check button: the question appears with an error, the NOC kept."""
    wizard = at_occupation(officer_client, "AU")

    page = wizard.post("occupation", plan("AU", occupation={"noc": "41101"})["occupation"])

    assert page.status_code == 200
    assert page_errors(page) == [f"{NOTARY}: Answer yes or no."]
    assert "occupation" not in wizard.answers


@pytest.mark.parametrize(("answer", "expected"), [("no", "met"), ("yes", "not_met")])
def test_an_australian_notary_is_excluded_and_a_lawyer_is_not(officer_client, answer, expected):
    wizard = Wizard.start(officer_client).walk(
        "AU", occupation={"noc": "41101", "job_title": "Lawyer", "position_notary": answer})

    assert wizard.answers["occupation"]["position"] == {"notary": answer == "yes"}
    decision = wizard.record("approve" if expected == "met" else "refuse")
    assert results(decision)["occupation"] == expected
    assert decision.facts["position"]["notary"] is (answer == "yes")


@pytest.mark.parametrize(("answer", "expected"), [("yes", "met"), ("no", "not_met")])
def test_a_japanese_lawyer_is_excluded_unless_a_foreign_legal_consultant(officer_client, answer, expected):
    wizard = Wizard.start(officer_client).walk(
        "JP", occupation={"noc": "41101", "job_title": "Lawyer", "position_foreign_legal_consultant": answer})

    decision = wizard.record("approve" if expected == "met" else "refuse")

    assert results(decision)["occupation"] == expected


def test_a_japanese_researcher_outside_an_academic_entity_is_excluded(officer_client):
    wizard = Wizard.start(officer_client).walk(
        "JP", occupation={"position_researcher": "yes", "position_academic_entity": "no"})

    assert results(wizard.record("refuse"))["occupation"] == "not_met"


def test_the_working_does_not_state_position_facts_the_officer_denied(officer_client):
    """A Japanese software engineer answered "not a research position": the working must not
    say "It is a research position"."""
    decision = Wizard.start(officer_client).walk("JP").record("approve")

    page = text(officer_client.get(decision_url(decision)))

    assert "It is a research position" not in page
    assert "The employer is an academic entity" not in page


# Not on the country's list -----------------------------------------------------------------
PLUMBER_NOT_LISTED = "NOC 72300 is not on the technician list for Mexico (MX)."


def test_shows_mexican_plumber_not_on_technician_list_at_the_occupation_step(officer_client):
    wizard = at_occupation(officer_client, "MX", "technician")

    checked = text(check(wizard, "MX", "technician", "72300"))
    assert "72300 Plumbers · TEER 2" in checked
    assert f"For this country and category: Not met — {PLUMBER_NOT_LISTED}" in checked

    wizard.answer("occupation", plan("MX", "technician", occupation={"noc": "72300"})["occupation"])
    saved = text(wizard.get("occupation"))
    assert f"For this country and category: Not met — {PLUMBER_NOT_LISTED}" in saved
    assert "Already settled against the applicant" in saved
    assert f"Occupation : {PLUMBER_NOT_LISTED}" in saved


def test_shows_mexican_plumber_not_on_technician_list_in_the_working(officer_client):
    wizard = Wizard.start(officer_client).walk("MX", "technician", occupation={"noc": "72300"})

    review = text(wizard.get("review"))
    assert "Indicative outcome: Not eligible" in review
    assert f"Occupation Not met {PLUMBER_NOT_LISTED}" in review
    assert "Country-specific occupations › Mexico › Technicians" in review

    decision = wizard.record("refuse")
    assert results(decision)["occupation"] == "not_met"
    assert PLUMBER_NOT_LISTED in text(officer_client.get(decision_url(decision)))


def test_shows_australian_plumber_on_its_technician_list(officer_client):
    page = text(check(at_occupation(officer_client, "AU", "technician"), "AU", "technician", "72300"))

    assert "For this country and category: Met — NOC 72300 is on the technician list for Australia (AU)." in page


def test_shows_a_professional_occupation_below_teer_1_as_not_open(officer_client):
    page = text(check(at_occupation(officer_client, "MX"), "MX", "professional", "72300"))

    assert "Not met — NOC 72300 is TEER 2; only TEER 0, 1 occupations are open to professionals." in page
