"""Questions whose asking follows the country's rule or the case: the Australian employer's letter
(every Australian professional, issue 14 point 4), the NOC's own employment requirements (every
case, point 8), and extensions of a CPTPP work permit with the need to extend (point 9)."""

import re

import pytest

from tests.eligibility.wizard.journey import (
    Wizard,
    checked_value,
    field_names,
    page_errors,
    plan,
    results,
    summary_links,
    text,
)

pytestmark = pytest.mark.django_db

LETTER = "Is there a letter from the Canadian employer or client accepting the qualification?"
NOC_REQUIREMENTS = "Does the applicant meet the employment requirements the NOC sets for this unit group?"
EXTENSION = "Is this an extension of a CPTPP work permit?"
NEED = "Do the documents satisfy you of the need to extend the stay?"


def at(client, step, country="MX", category="professional", **steps) -> Wizard:
    return Wizard.start(client).walk(country, category, until=step, **steps)


# The Australian employer's letter -------------------------------------------------------------------
def test_asks_australian_engineer_with_a_four_year_degree_for_the_employer_letter(officer_client):
    """"Australian professionals also require a letter provided by the Canadian client or employer"
    (Country-specific occupations › Australia › Professionals): read as every Australian
    professional, whatever the degree (the rule parameter employer_letter_for_all)."""
    wizard = at(officer_client, "credentials", "AU", occupation={"noc": "21300", "job_title": "Civil engineer"})

    page = wizard.get("credentials")

    assert "employer_letter" in field_names(page)
    assert LETTER in text(page)
    assert "The country's rule asks every applicant in this category for this letter." in text(page)


@pytest.mark.parametrize(("letter", "expected"), [("yes", "met"), ("no", "not_met")])
def test_an_australian_engineer_with_a_four_year_degree_needs_the_letter(officer_client, letter, expected):
    decision = Wizard.start(officer_client).walk(
        "AU", occupation={"noc": "21300", "job_title": "Civil engineer"},
        credentials={"years": "4", "employer_letter": letter, "licence_required": "no"},
    ).record("approve" if expected == "met" else "refuse")

    assert results(decision)["education"] == expected
    assert decision.facts["employer_letter"] is (letter == "yes")


def test_does_not_ask_mexican_engineer_for_an_employer_letter(officer_client):
    page = at(officer_client, "credentials", "MX", occupation={"noc": "21300"}).get("credentials")

    assert "employer_letter" not in field_names(page)


def test_does_not_ask_australian_technician_for_an_employer_letter(officer_client):
    page = at(officer_client, "credentials", "AU", "technician").get("credentials")

    assert "employer_letter" not in field_names(page)


# The NOC's own employment requirements ---------------------------------------------------------------
def test_asks_every_case_whether_the_nocs_employment_requirements_are_met_with_a_link(officer_client):
    """"… and any additional requirements defined in the National Occupational Classification
    (NOC)" (Specific criteria for professionals): the officer reads the unit group's description."""
    wizard = at(officer_client, "credentials", occupation={"noc": "21300"})

    response = wizard.post("credentials", {k: v for k, v in plan("MX")["credentials"].items()
                                           if k != "noc_requirements_met"})

    assert page_errors(response) == [f"{NOC_REQUIREMENTS}: Answer yes or no."]
    link = re.search(r'<a href="([^"]+)" target="_blank" rel="noopener">The unit group on the NOC site',
                     response.content.decode())
    assert link.group(1) == ("https://noc.esdc.gc.ca/Structure/NOCProfile?GocTemplateCulture=en-CA&amp;"
                             "code=21300&amp;version=2021.0")


def test_the_noc_link_is_in_french_on_a_french_page(officer_client):
    wizard = at(officer_client, "credentials", occupation={"noc": "21300"})

    page = officer_client.get(wizard.url("credentials").replace("/en/", "/fr/", 1)).content.decode()

    assert "GocTemplateCulture=fr-CA&amp;code=21300" in page


@pytest.mark.parametrize(("answer", "expected"), [("yes", "met"), ("no", "not_met")])
def test_the_officers_finding_on_the_nocs_requirements_decides_education(officer_client, answer, expected):
    decision = Wizard.start(officer_client).walk("MX", credentials={"noc_requirements_met": answer}).record(
        "approve" if expected == "met" else "refuse")

    assert decision.facts["noc_requirements_met"] is (answer == "yes")
    assert results(decision)["education"] == expected


# Extensions ------------------------------------------------------------------------------------------
def test_asks_on_the_case_step_whether_it_is_an_extension(officer_client):
    wizard = Wizard.start(officer_client)

    response = wizard.post("case", {k: v for k, v in plan()["case"].items() if k != "extension"})

    assert page_errors(response) == [f"{EXTENSION}: Answer yes or no."]
    assert summary_links(response) == ["id_extension_0"]


def test_asks_the_need_to_extend_on_the_documents_step_of_an_extension(officer_client):
    wizard = at(officer_client, "documents", case={"extension": "yes"})

    response = wizard.post("documents", plan()["documents"])

    assert page_errors(response) == [f"{NEED}: Answer yes or no."]
    assert "officer's discretion" in text(response)


def test_does_not_ask_the_need_to_extend_of_a_first_permit(officer_client):
    wizard = at(officer_client, "documents")

    page = wizard.get("documents")

    assert "extension_need_shown" not in field_names(page)
    assert NEED not in text(page)


@pytest.mark.parametrize(("need", "expected"), [("yes", "met"), ("no", "not_met")])
def test_an_extension_is_recorded_with_the_officers_finding_on_the_need(officer_client, need, expected):
    """"… with possible extensions at the officer's discretion, if the applicant is able to provide
    documentation that satisfies the processing officer of their need to have their stay
    extended" (Length of stay)."""
    wizard = Wizard.start(officer_client).walk(
        "MX", case={"extension": "yes"}, documents={**plan()["documents"], "extension_need_shown": need})

    decision = wizard.record("approve" if expected == "met" else "refuse")

    assert (decision.facts["extension"], decision.facts["extension_need_shown"]) == (True, need == "yes")
    assert results(decision)["documentation"] == expected
    assert decision.working["work_permit_reason"]["code"].startswith("stay.extension")


def test_a_need_answered_before_the_case_became_a_first_permit_is_not_recorded(officer_client):
    wizard = Wizard.start(officer_client).walk(
        "MX", case={"extension": "yes"}, documents={**plan()["documents"], "extension_need_shown": "no"})
    wizard.answer("case", {**plan()["case"], "extension": "no"})
    assert checked_value(wizard.get("case"), "extension") == "no"

    decision = wizard.record("approve")

    assert (decision.facts["extension"], decision.facts["extension_need_shown"]) == (False, None)
    assert results(decision)["documentation"] == "met"
