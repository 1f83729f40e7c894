"""Rules fidelity (issue 14): cases written from the instructions, each citing its clause, run
through ``manage.py assess`` against the rules as migrated (the seed change set and the
classification change set, occupations/0010). Each test says what an officer would see.

Clauses quoted from shared/seed/ircc-cptpp-professionals-technicians-T52.txt.
"""

import json

import pytest

from tests.case_examples import case
from tests.eligibility.test_assess_command import run_command

pytestmark = pytest.mark.django_db
WAGES_IN_FORCE = "2026-01-05"  # Job Bank's 2025 wages are in force from 2025-11-19


def professional(country="MX", noc="21231", education=None, **more):
    more.setdefault("employer_letter", country == "AU")
    return case(country=country, noc_code=noc, regulated=False, licensed=False,
                education={"country": country, **(education or {})}, **more)


def technician(country, noc, credential="diploma", years=2, **more):
    return case(country=country, category="technician", noc_code=noc, regulated=False, licensed=False,
                education={"credential": credential, "years": years, "country": country},
                experience_months=48, **more)


def assessed(*cases) -> list[dict]:
    code, out = run_command("-", jsonl=True, workers=1, stdin="".join(json.dumps(c) + "\n" for c in cases))
    results = [json.loads(line) for line in out.splitlines()]
    assert code == (2 if any("error" in r for r in results) else 0)
    return results


def one(data) -> dict:
    return assessed(data)[0]


def criterion(result, name) -> tuple[str, str]:
    return result["criteria"][name]["result"], result["criteria"][name]["reason"]


# 1. Every TEER 0/1 unit group classified -------------------------------------------------------
@pytest.mark.parametrize("country", ["AU", "JP", "MX"])
@pytest.mark.parametrize("noc", ["31303", "30010", "31100", "31103", "31302"])
def test_refuses_health_occupations_for_every_country(country, noc):
    """"All NOC-0 and NOC-A occupations are permitted, except … health, education and social services
    occupations and related occupations" (each country's Professionals list): a midwife (31303) too."""
    result = one(professional(country, noc))
    assert result["outcome"] == "not_eligible"
    assert criterion(result, "occupation")[0] == "not_met"


@pytest.mark.parametrize("noc", ["40020", "40021", "41200", "41210", "41220", "41221", "41320", "40030", "41300"])
def test_refuses_education_and_social_services_occupations(noc):
    """"health, education and social services occupations" (Mexico › Professionals)."""
    assert criterion(one(professional("MX", noc)), "occupation")[0] == "not_met"


@pytest.mark.parametrize("noc", ["40010", "40012", "41403", "41404", "41405"])
def test_asks_the_officer_whether_a_policy_position_is_related_to_health_education_or_social_services(noc):
    """"… and related occupations": a government manager of education policy (40012) or a health
    policy researcher may or may not be in a related occupation; the officer answers, visibly."""
    result = one(professional("MX", noc))
    assert result["outcome"] == "needs_officer_review"
    status, reason = criterion(result, "occupation")
    assert status == "undetermined"
    assert "Is this position related to health, education or social services?" in reason


def test_the_officers_answer_on_a_related_occupation_decides_it():
    related = "related_health_education_social_services"
    yes, no = assessed(professional("MX", "40012", judgements={related: True}),
                       professional("MX", "40012", judgements={related: False}))
    assert (yes["outcome"], criterion(yes, "occupation")[0]) == ("not_eligible", "not_met")
    assert (no["outcome"], criterion(no, "occupation")[0]) == ("eligible", "met")


def test_asks_the_officer_whether_a_museum_manager_is_related_to_cultural_industries():
    """"occupations related to cultural industries": library, archive, museum and art gallery managers
    (50010) are possibly related; the officer answers."""
    status, reason = criterion(one(professional("JP", "50010")), "occupation")
    assert status == "undetermined"
    assert "cultural industries" in reason


def test_refuses_a_film_producer_under_cultural_industries():
    """Producers and directors of film, video and broadcasting are plainly in cultural industries."""
    assert criterion(one(professional("MX", "51120")), "occupation")[0] == "not_met"


@pytest.mark.parametrize("country", ["AU", "MX"])
def test_reads_electricians_as_all_three_electrician_unit_groups(country):
    """"electricians" (Australia and Mexico › Technicians): NOC 2016 7241, 7242 and 7243 became 72200
    (electricians), 72201 (industrial electricians) and 72202 (power system electricians), read alike."""
    results = assessed(*(technician(country, noc) for noc in ("72200", "72201", "72202")))
    assert [criterion(r, "occupation")[0] for r in results] == ["met", "met", "met"]


def test_refuses_japanese_electricians_of_every_kind():
    """Japan's technician list names no electricians."""
    results = assessed(*(technician("JP", noc, credential="associate") for noc in ("72200", "72201", "72202")))
    assert [criterion(r, "occupation")[0] for r in results] == ["not_met", "not_met", "not_met"]


def test_asks_the_officer_whether_a_buyer_is_an_international_purchasing_agent():
    """"international purchasing and selling agents" (Australia › Technicians): no NOC 2021 unit group
    matches plainly, so the officer answers whether the position is that occupation."""
    status, reason = criterion(one(technician("AU", "62101")), "occupation")
    assert status == "undetermined"
    assert "international purchasing and selling agents" in reason


# 3. Unknown codes refused --------------------------------------------------------------------------
@pytest.mark.parametrize("noc", ["21999", "99999", "00000", "11099"])
def test_refuses_a_code_that_is_not_a_noc_2021_unit_group(noc):
    """The contract: "a code that is not a unit group of the classification in force on
    `received_on` is invalid" — 21999 has a TEER-1 second digit but is no unit group."""
    result = one(professional("MX", noc, reference="U-1"))
    assert result == {"reference": "U-1", "error": {"field": "noc_code", "message": result["error"]["message"]}}
    assert noc in result["error"]["message"]


# 4. The Australian employer letter and "equivalent" credentials -----------------------------------
def test_asks_an_australian_engineer_with_a_four_year_degree_for_the_employer_letter():
    """"Australian professionals also require a letter provided by the Canadian client or employer,
    indicating that the Australian professional's qualifications are acceptable in Canada.\""""
    without, with_letter = assessed(professional("AU", "21300", employer_letter=False),
                                    professional("AU", "21300", employer_letter=True))
    status, reason = criterion(without, "education")
    assert (without["outcome"], status) == ("not_eligible", "not_met")
    assert "every professional from Australia" in reason  # the reading that applied
    assert criterion(with_letter, "education")[0] == "met"


def test_asks_whether_a_three_year_bachelors_from_outside_australia_is_the_australian_equivalent():
    """"whenever an Australian professional has met the Australian equivalent educational qualification.
    This is generally a 3-year bachelor's degree": one obtained in New Zealand is the officer's call."""
    data = professional("AU", education={"credential": "bachelor", "years": 3, "country": "NZ"})
    status, reason = criterion(one(data), "education")
    assert status == "undetermined"
    assert "Equivalence route" in reason and "New Zealand" in reason


def test_asks_whether_a_japanese_technicians_two_year_certificate_is_the_equivalent_of_an_associates():
    """"A Japanese associate's degree, the equivalent of such a degree or a higher level of education is
    required" (Japan › Technicians)."""
    status, reason = criterion(one(technician("JP", "22300", credential="certificate")), "education")
    assert status == "undetermined"
    assert "Standard route" in reason


def test_every_education_reason_names_the_route_it_considered():
    results = assessed(professional("MX"), professional("JP", education={"years": 3}),
                       professional("AU", education={"years": 3}))
    reasons = [criterion(r, "education")[1] for r in results]
    assert reasons[0].startswith("Standard route")
    assert reasons[1].startswith("Standard route")  # Japan has no equivalence route
    assert "Equivalence route" not in reasons[1]


# 5. T53 ------------------------------------------------------------------------------------------------
def test_no_open_work_permit_for_the_spouse_of_a_refused_principal():
    """"An open work permit may be issued to the spouse of a professional": a principal refused on
    occupation is not one."""
    result = one(professional("JP", "31301", spouse=True))
    assert result["outcome"] == "not_eligible"
    assert result["spouse_open_work_permit"] is False


def test_open_work_permit_for_the_spouse_if_the_principals_permit_is_issued():
    result = one(professional("MX", "40012", spouse=True))
    assert result["outcome"] == "needs_officer_review"
    assert result["spouse_open_work_permit"] is True


# 6. Wages by economic region ----------------------------------------------------------------------------
def test_compares_a_windsor_software_engineer_with_windsor_sarnias_wage():
    """"commensurate with other similarly qualified professionals … in the region where the work is
    performed": Job Bank's Windsor–Sarnia median for 21231 is $57.69 an hour, Ontario's $56.73."""
    data = professional("JP", "21231", province="ON", economic_region="ER3570", received_on=WAGES_IN_FORCE,
                        wage={"amount": 57.0, "unit": "hour", "hours_per_week": 40})
    del data["prevailing_wage"]
    status, reason = criterion(one(data), "remuneration")
    assert status == "undetermined"  # above Ontario's median, below Windsor–Sarnia's
    assert "Windsor--Sarnia economic region" in reason
    assert "$119,995.20" in reason  # 57.69 x 40 x 52


def test_compares_with_the_province_without_an_economic_region():
    data = professional("JP", "21231", province="ON", received_on=WAGES_IN_FORCE,
                        wage={"amount": 57.0, "unit": "hour", "hours_per_week": 40})
    del data["prevailing_wage"]
    status, reason = criterion(one(data), "remuneration")
    assert status == "met"
    assert "Job Bank wages, Ontario" in reason


def test_refuses_an_economic_region_outside_the_province():
    result = one(professional("JP", province="BC", economic_region="ER3570"))
    assert result["error"]["field"] == "economic_region"


def test_asks_the_officer_for_a_comparator_where_job_bank_publishes_none():
    data = professional("MX", "21100", province="ON", received_on=WAGES_IN_FORCE)  # 21100 is not in the table
    del data["prevailing_wage"]
    status, reason = criterion(one(data), "remuneration")
    assert status == "undetermined"
    assert "The officer must enter the prevailing wage and its source" in reason


# 7. Receipts on or before 15 November 2022 -------------------------------------------------------------
def test_leaves_an_application_received_on_15_november_2022_to_the_officer_with_its_noc_2016_code():
    """The lists name NOC 2016 skill types ("All NOC-0 and NOC-A occupations are permitted"); IRCC
    moved to NOC 2021 on 16 November 2022."""
    before, after = assessed(professional("MX", received_on="2022-11-15"),
                             professional("MX", received_on="2022-11-16"))
    status, reason = criterion(before, "occupation")
    assert status == "undetermined"
    assert "NOC 2016 2173" in reason  # Software engineers and designers, the 2016 group of 21231
    assert criterion(after, "occupation")[0] == "met"


# 8. Additional NOC requirements, 9. extensions ------------------------------------------------------------
def test_refuses_when_the_officer_finds_the_nocs_employment_requirements_unmet():
    """"and any additional requirements defined in the National Occupational Classification (NOC)"."""
    unmet, met = assessed(professional("MX", noc_requirements_met=False), professional("MX", noc_requirements_met=True))
    assert (unmet["outcome"], criterion(unmet, "education")[0]) == ("not_eligible", "not_met")
    assert met["outcome"] == "eligible"


def test_an_extension_needs_documents_showing_the_need_to_extend():
    """"with possible extensions at the officer's discretion, if the applicant is able to provide
    documentation that satisfies the processing officer of their need to have their stay extended\""""
    pending, shown, not_shown = assessed(professional("MX", extension=True),
                                         professional("MX", extension=True, extension_need_shown=True),
                                         professional("MX", extension=True, extension_need_shown=False))
    assert criterion(pending, "documentation")[0] == "undetermined"
    assert (shown["outcome"], shown["work_permit_max_months"]) == ("eligible", 12)
    assert criterion(not_shown, "documentation")[0] == "not_met"
