"""Judgements the instructions leave to the officer are asked at the step where their facts are
entered, with the clause they come from, and recorded: the occupation list's "related
occupations" and "cultural industries" on the occupation step, the "equivalent" qualification on
the credentials step when the engine raises it for the credential entered (issue 14, point 2)."""

import re

import pytest

from tests.eligibility.wizard.journey import (
    Wizard,
    checked_value,
    field_names,
    input_value,
    page_errors,
    plan,
    results,
    summary_links,
    text,
)

pytestmark = pytest.mark.django_db

RELATED = "Is this position related to health, education or social services?"
CULTURAL = "Is this position related to cultural industries?"
EQUIVALENT = "Is the applicant's credential the equivalent qualification the instructions accept?"
RELATED_FIELD = "Is the field of study related to the occupation?"
EQUIVALENCE_NEEDED = f"{EQUIVALENT}: The instructions leave this to your judgement: answer yes or no."
# An education-policy manager (40012) has no published wage: the officer's figures, with their source.
OFFICERS_WAGE = {"prevailing_amount": "40", "prevailing_unit": "hour", "prevailing_reason": "Provincial survey 2025"}


def at(client, step, country="MX", category="professional", **steps) -> Wizard:
    return Wizard.start(client).walk(country, category, until=step, **steps)


def judgements_asked(response) -> set[str]:
    return {name.removeprefix("judgement_") for name in field_names(response) if name.startswith("judgement_")}


# The occupation step -----------------------------------------------------------------------------
def test_asks_mexican_education_policy_manager_if_related_to_education(officer_client):
    """"… except the following: health, education and social services occupations and related
    occupations" (Country-specific occupations › Mexico › Professionals)."""
    wizard = at(officer_client, "occupation")

    page = wizard.post("occupation", plan("MX", occupation={"noc": "40012"})["occupation"], button="check")

    assert judgements_asked(page) == {"related_health_education_social_services"}
    shown = text(page)
    assert RELATED in shown
    assert ("From the country's list: “health, education and social services occupations and related occupations” "
            "(Country-specific occupations › Mexico › Professionals)") in shown
    assert "occupation" not in wizard.answers  # checking saves nothing


def test_does_not_ask_a_software_engineer_any_judgement(officer_client):
    page = at(officer_client, "occupation").post("occupation", plan("MX")["occupation"], button="check")

    assert judgements_asked(page) == set()
    assert RELATED not in text(page)


def test_asks_a_library_manager_whether_related_to_cultural_industries(officer_client):
    page = at(officer_client, "occupation", "JP").post(
        "occupation", plan("JP", occupation={"noc": "50010"})["occupation"], button="check")

    assert judgements_asked(page) == {"related_cultural_industries"}
    assert CULTURAL in text(page)


def test_saving_the_occupation_without_the_judgement_asks_for_it(officer_client):
    wizard = at(officer_client, "occupation")

    response = wizard.post("occupation", plan("MX", occupation={"noc": "40012"})["occupation"])

    assert response.status_code == 200
    assert page_errors(response) == [f"{RELATED}: Answer yes or no."]
    assert summary_links(response) == ["id_judgement_related_health_education_social_services_0"]
    assert "occupation" not in wizard.answers


@pytest.mark.parametrize(("answer", "expected"), [("no", "met"), ("yes", "not_met")])
def test_the_officers_judgement_decides_the_exclusion_and_is_recorded(officer_client, answer, expected):
    wizard = Wizard.start(officer_client).walk(
        "MX", occupation={"noc": "40012", "judgement_related_health_education_social_services": answer},
        remuneration=OFFICERS_WAGE)

    assert wizard.answers["occupation"]["judgements"] == {"related_health_education_social_services": answer == "yes"}
    decision = wizard.record("approve" if expected == "met" else "refuse")

    assert results(decision)["occupation"] == expected
    assert decision.facts["judgements"] == {"related_health_education_social_services": answer == "yes"}


def test_an_australian_midwife_is_not_eligible_at_the_occupation_step_and_is_asked_nothing(officer_client):
    """Health occupations are excluded outright (31303, allied health professionals)."""
    page = at(officer_client, "occupation", "AU").post(
        "occupation", plan("AU", occupation={"noc": "31303"})["occupation"], button="check")

    assert judgements_asked(page) == set()
    assert "For this country and category: Not met" in text(page)


# The credentials step: the "equivalent" qualification ------------------------------------------------
def japanese_technician(**credentials) -> dict:
    return plan("JP", "technician", credentials=credentials)["credentials"]


def test_asks_japanese_technician_with_a_two_year_certificate_whether_it_is_equivalent(officer_client):
    """"A Japanese associate's degree, the equivalent of such a degree or a higher level of education
    is required" (Country-specific occupations › Japan › Technicians). Without JavaScript: the
    step comes back with the question and an error, what was typed kept."""
    wizard = at(officer_client, "credentials", "JP", "technician")

    response = wizard.post("credentials", japanese_technician(credential="certificate", years="2",
                                                              regulated_reason="kept as typed"))

    assert response.status_code == 200
    assert page_errors(response) == [EQUIVALENCE_NEEDED]
    assert summary_links(response) == ["id_judgement_equivalent_qualification_0"]
    assert "Country-specific occupations › Japan › Technicians" in text(response)
    assert input_value(response, "years") == "2"
    assert re.search(r'<option value="certificate" selected>', response.content.decode())
    assert checked_value(response, "noc_requirements_met") == "yes"
    assert "credentials" not in wizard.answers


def test_the_equivalence_question_comes_at_once_with_the_steps_other_errors(officer_client):
    """The education alone raises it: the officer is not sent back twice."""
    wizard = at(officer_client, "credentials", "JP", "technician")
    education_only = {"credential": "certificate", "years": "2", "education_country": "JP", "regulated": "table"}

    response = wizard.post("credentials", education_only)

    assert EQUIVALENCE_NEEDED in page_errors(response)
    assert f"{RELATED_FIELD}: Answer yes or no." in page_errors(response)


@pytest.mark.parametrize(("answer", "expected"), [("yes", "met"), ("no", "not_met")])
def test_the_officers_judgement_of_equivalence_is_recorded(officer_client, answer, expected):
    wizard = at(officer_client, "credentials", "JP", "technician")

    wizard.answer("credentials", japanese_technician(credential="certificate", years="2",
                                                     judgement_equivalent_qualification=answer))

    assert wizard.answers["credentials"]["judgements"] == {"equivalent_qualification": answer == "yes"}
    wizard.walk("JP", "technician", credentials={"credential": "certificate", "years": "2",
                                                 "judgement_equivalent_qualification": answer})
    assert results(wizard.record("approve" if expected == "met" else "refuse"))["education"] == expected


def test_does_not_ask_the_equivalence_of_an_associate_degree(officer_client):
    wizard = at(officer_client, "credentials", "JP", "technician")

    wizard.answer("credentials", japanese_technician())  # an associate degree of 2 years

    assert wizard.answers["credentials"]["judgements"] == {}
    assert "judgement_equivalent_qualification" not in wizard.get("credentials").context["form"].fields


def test_the_equivalence_answer_is_dropped_when_the_credential_no_longer_raises_it(officer_client):
    wizard = at(officer_client, "credentials", "JP", "technician")
    wizard.answer("credentials", japanese_technician(credential="diploma", years="2",
                                                     judgement_equivalent_qualification="no"))
    assert "judgement_equivalent_qualification" in wizard.get("credentials").context["form"].fields

    wizard.answer("credentials", japanese_technician(credential="associate", years="2",
                                                     judgement_equivalent_qualification="no"))

    assert wizard.answers["credentials"]["judgements"] == {}
    assert "judgement_equivalent_qualification" not in wizard.get("credentials").context["form"].fields


def test_asks_australian_with_a_three_year_bachelors_from_outside_australia_whether_equivalent(officer_client):
    """"… whenever an Australian professional has met the Australian equivalent educational
    qualification. This is generally a 3-year bachelor's degree" (Australia › Professionals)."""
    wizard = at(officer_client, "credentials", "AU")
    from_nz = plan("AU", credentials={"years": "3", "education_country": "NZ"})["credentials"]

    response = wizard.post("credentials", from_nz)

    assert page_errors(response) == [EQUIVALENCE_NEEDED]
    wizard.answer("credentials", {**from_nz, "judgement_equivalent_qualification": "yes"})
    assert wizard.answers["credentials"]["judgements"] == {"equivalent_qualification": True}


def test_does_not_ask_australian_with_a_three_year_bachelors_from_australia(officer_client):
    wizard = at(officer_client, "credentials", "AU")

    wizard.answer("credentials", plan("AU", credentials={"years": "3"})["credentials"])

    assert wizard.answers["credentials"]["judgements"] == {}


def test_the_occupations_and_the_educations_judgements_reach_the_case_together(officer_client):
    wizard = Wizard.start(officer_client).walk(
        "AU", occupation={"noc": "40012", "judgement_related_health_education_social_services": "no"},
        credentials={"years": "3", "education_country": "NZ", "judgement_equivalent_qualification": "yes"},
        remuneration=OFFICERS_WAGE)

    decision = wizard.record("approve")

    assert decision.facts["judgements"] == {"equivalent_qualification": True,
                                            "related_health_education_social_services": False}
    assert results(decision)["education"] == "met" and results(decision)["occupation"] == "met"
