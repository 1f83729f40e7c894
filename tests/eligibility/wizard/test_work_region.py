"""Where the work is performed: the occupation step asks for Job Bank's economic region, within the
province; the remuneration step shows the comparator the engine uses (the region's wage, else the
province's, else Canada's) and, where none is published, asks for the officer's figures and their
source. "Professionals and technicians should be remunerated at a level commensurate with other
similarly qualified professionals and technicians in the industry in the region where the work is
performed" (General criteria for professionals and technicians; issue 14, point 6)."""

import re

import pytest

from eligibility.rulebook.ruleset import Region
from eligibility.wizard.forms.occupation import OccupationForm
from tests.eligibility.wizard.journey import (
    Wizard,
    checked_value,
    page_errors,
    plan,
    results,
    summary_links,
    text,
)

pytestmark = pytest.mark.django_db


def at(client, step, country="MX", category="professional", **steps) -> Wizard:
    return Wizard.start(client).walk(country, category, until=step, **steps)


def occupation(**changes) -> dict:
    return plan("MX", occupation=changes)["occupation"]


# The occupation step -------------------------------------------------------------------------------
def test_offers_the_economic_regions_grouped_by_province(officer_client):
    page = at(officer_client, "occupation").get("occupation").content.decode()

    select = re.search(r'<select name="economic_region".*?</select>', page, re.S).group(0)
    assert '<optgroup label="Ontario">' in select
    assert re.search(r'<option value="ER3570" data-province="ON">Windsor–Sarnia</option>', select)
    assert '<optgroup label="Prince Edward Island">' not in select  # Job Bank has no regions there
    assert '<option value="" selected>None: the province or territory as a whole</option>' in select
    assert "js/economic-region.js" in page  # offers only the province's regions, when scripts run


def test_saves_the_windsor_region_of_ontario(officer_client):
    wizard = at(officer_client, "occupation")

    wizard.answer("occupation", occupation(province="ON", economic_region="ER3570"))

    assert wizard.answers["occupation"]["economic_region"] == "ER3570"
    assert checked_value(wizard.get("occupation"), "economic_region") == "ER3570"


def test_refuses_an_economic_region_outside_the_province(officer_client):
    wizard = at(officer_client, "occupation")

    response = wizard.post("occupation", occupation(province="QC", economic_region="ER3570"))

    assert response.status_code == 200
    assert page_errors(response) == [
        "Economic region where the work is performed: Windsor–Sarnia is in Ontario, not in Quebec. Choose an "
        "economic region of the province or territory of destination, or none."]
    assert summary_links(response) == ["id_economic_region"]
    assert checked_value(response, "economic_region") == "ER3570"  # kept as chosen
    assert "occupation" not in wizard.answers


def test_refuses_a_region_for_a_territory_without_regions(officer_client):
    response = at(officer_client, "occupation").post("occupation", occupation(province="NU", economic_region="ER3570"))

    assert summary_links(response) == ["id_economic_region"]


def test_a_province_without_economic_regions_needs_none(officer_client):
    wizard = at(officer_client, "occupation")

    wizard.answer("occupation", occupation(province="PE", economic_region=""))

    assert wizard.answers["occupation"]["economic_region"] == ""


def test_the_region_is_not_required(officer_client):
    """The contract's ``economic_region`` is optional (the province is then compared): a region
    not known yet is not a reason to stop the officer."""
    wizard = at(officer_client, "occupation")

    wizard.answer("occupation", occupation(province="ON"))

    assert wizard.answers["occupation"]["economic_region"] == ""


def test_prefills_the_region_of_a_province_with_exactly_one():
    regions = (Region("ER1110", "PE", "Prince Edward Island"), Region("ER3570", "ON", "Windsor--Sarnia"),
               Region("ER3510", "ON", "Ottawa"))

    shown = OccupationForm(initial={"province": "PE"}, regions=regions)
    posted = OccupationForm({**{k: v for k, v in occupation(province="PE").items()}, "economic_region": ""},
                            regions=regions)

    assert shown["economic_region"].value() == "ER1110"
    assert OccupationForm(initial={"province": "ON"}, regions=regions)["economic_region"].value() is None
    assert posted.is_valid(), posted.errors
    assert posted.answers()["economic_region"] == "ER1110"


# The remuneration step ------------------------------------------------------------------------------
def test_compares_a_windsor_software_engineer_with_windsor_sarnias_wage(officer_client):
    """119,000 a year is at least Ontario's median for 21231 (56.73 an hour) but under
    Windsor–Sarnia's (57.69): the officer judges it against the region's."""
    wizard = at(officer_client, "remuneration", occupation={"noc": "21231", "province": "ON",
                                                             "economic_region": "ER3570"})

    page = text(wizard.get("remuneration"))
    assert ("Job Bank wages, Windsor–Sarnia economic region, reference period 2023-2024: median $57.69 an hour, "
            "low $26.81 an hour.") in page
    assert "Source: Job Bank, wages 2025, Windsor–Sarnia" in page
    assert "Source2025_NHQ" not in page  # the data file's estimate ids are not for the officer
    wizard.walk("MX", occupation={"noc": "21231", "province": "ON", "economic_region": "ER3570"},
                remuneration={"amount": "119000", "unit": "year"})
    decision = wizard.record("request_information")

    assert decision.facts["economic_region"] == "ER3570"
    assert results(decision)["remuneration"] == "undetermined"
    assert "Windsor" in decision.working["criteria"]["remuneration"]["findings"][0]["params"]["area"]


def test_compares_ontario_when_no_region_is_chosen(officer_client):
    decision = Wizard.start(officer_client).walk(
        "MX", occupation={"noc": "21231", "province": "ON"}, remuneration={"amount": "119000", "unit": "year"},
    ).record("approve")

    assert "economic_region" not in decision.facts
    assert results(decision)["remuneration"] == "met"


def test_a_region_without_a_published_wage_is_compared_with_its_province(officer_client):
    """Job Bank publishes no wage for software developers (21232) in Northwest Ontario (ER3595)."""
    wizard = at(officer_client, "remuneration", occupation={"noc": "21232", "province": "ON",
                                                             "economic_region": "ER3595"})

    page = text(wizard.get("remuneration"))

    assert "Job Bank wages, Ontario, reference period" in page
    assert "Job Bank publishes no wage for this occupation in Northwest: the wider area's is used." in page


def test_canadas_wage_is_the_comparator_where_the_province_has_none(officer_client):
    """Software engineers in Nunavut: no territorial row, the national one."""
    wizard = at(officer_client, "remuneration", occupation={"noc": "21231", "province": "NU"})

    assert "Job Bank wages, Canada, reference period" in text(wizard.get("remuneration"))


def test_with_no_published_wage_the_officer_enters_it_with_its_source(officer_client):
    """An education-policy manager (40012): no wage in the table for the region, province or
    Canada. The instructions' comparator must still be found: the officer's figures, sourced."""
    wizard = at(officer_client, "remuneration", occupation={
        "noc": "40012", "judgement_related_health_education_social_services": "no"})
    page = wizard.get("remuneration")
    assert "No published wage for this occupation where the work is performed" in text(page)
    assert "prevailing_override" not in page.context["form"].fields

    response = wizard.post("remuneration", plan("MX")["remuneration"])

    assert set(summary_links(response)) == {"id_prevailing_amount", "id_prevailing_unit", "id_prevailing_reason"}
    assert "Source of the prevailing wage: Give the source of the prevailing wage." in page_errors(response)
    source = "Ontario Ministry of Labour wage survey 2025, Toronto"
    wizard.answer("remuneration", {**plan("MX")["remuneration"], "prevailing_amount": "40",
                                   "prevailing_unit": "hour", "prevailing_reason": source})
    assert wizard.answers["remuneration"]["prevailing_override"] is True
    wizard.walk("MX", occupation={"noc": "40012", "judgement_related_health_education_social_services": "no"},
                remuneration={"prevailing_amount": "40", "prevailing_unit": "hour", "prevailing_reason": source})
    decision = wizard.record("approve")

    assert decision.facts["prevailing_wage"] == {"amount": 40.0, "unit": "hour", "source": source}
    assert source in decision.working["criteria"]["remuneration"]["findings"][0]["params"]["officer_source"]
