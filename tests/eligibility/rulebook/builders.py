"""Facts and rule sets built by hand, for engine tests that need no database.

The rule set mirrors the seed's shape for the entries these tests use; the full seed data is
tested through the database in tests/occupations and tests/eligibility.
"""

from dataclasses import replace
from datetime import date

from eligibility.rulebook.codes import (
    Category,
    Credential,
    Document,
    Judgement,
    ListingKind,
    PositionQuestion,
    Province,
    Status,
    WageUnit,
)
from eligibility.rulebook.facts import Education, Facts, Language, PrevailingWage, Wage
from eligibility.rulebook.ruleset import CategoryRule, CountryRule, Listing, Region, Regulation, RuleSet, WageRate

PRO, TECH = Category.PROFESSIONAL, Category.TECHNICIAN
DEGREES = frozenset({Credential.BACHELOR, Credential.MASTER, Credential.DOCTORATE})
POST_SECONDARY = frozenset({Credential.CERTIFICATE, Credential.DIPLOMA, Credential.ASSOCIATE}) | DEGREES
ASSOCIATE_OR_HIGHER = frozenset({Credential.ASSOCIATE}) | DEGREES


def professional_rule(country="", **changes):
    rule = CategoryRule(country, PRO, 4, DEGREES, 24, eligible_teers=frozenset({0, 1}), source=f"{country} pro")
    return replace(rule, **changes)


def technician_rule(country="", **changes):
    return replace(CategoryRule(country, TECH, 2, POST_SECONDARY, 48, source=f"{country} tech"), **changes)


def excluded(country, noc, **kw):
    return Listing(country, PRO, ListingKind.EXCLUDED, noc, wording=kw.pop("wording", "excluded group"), **kw)


def permitted(country, noc, **kw):
    return Listing(country, TECH, ListingKind.PERMITTED, noc, wording=kw.pop("wording", "listed"), **kw)


RELATED = Judgement.RELATED_HEALTH_EDUCATION_SOCIAL
NOC2021_SINCE = date(2022, 11, 16)


def seed_like(**changes) -> RuleSet:
    q = PositionQuestion
    listings = [
        *(excluded(c, "31301") for c in ("AU", "JP", "MX")),
        *(excluded(c, "41100") for c in ("AU", "JP", "MX")),
        excluded("AU", "41101", only_if=q.NOTARY),
        excluded("JP", "41101", unless=q.FOREIGN_LEGAL_CONSULTANT),
        excluded("MX", "41101", unless=q.FOREIGN_LEGAL_CONSULTANT),
        excluded("JP", None, only_if=q.RESEARCHER, unless=q.ACADEMIC_ENTITY),
        *(permitted(c, "22300") for c in ("AU", "JP", "MX")),
        *(excluded(c, "40012", judgement=RELATED, wording="related occupations") for c in ("AU", "JP", "MX")),
        *(permitted(c, noc, wording="electricians") for c in ("AU", "MX") for noc in ("72200", "72201", "72202")),
        permitted("AU", "12102", judgement=Judgement.MATCHES_LISTED_OCCUPATION, wording="purchasing agents"),
        Listing("MX", PRO, ListingKind.PERMITTED, "21231", wording="all NOC-0 and NOC-A occupations"),
        permitted("AU", "72300"),
        permitted("AU", "83101"),
        permitted("JP", "83101", unless=q.OPERATOR),
        *(permitted(c, "22212") for c in ("AU", "JP")),
    ]
    fields = dict(
        countries=(
            CountryRule("AU", True, True, True, "AU"),
            CountryRule("JP", False, True, False, "JP"),
            CountryRule("MX", False, True, False, "MX"),
        ),
        category_rules=(
            professional_rule(),
            technician_rule(),
            professional_rule(
                "AU",
                judgement_credentials=frozenset({Credential.DIPLOMA, Credential.ASSOCIATE}),
                equivalence_country="AU",
                equivalence_credentials=frozenset({Credential.BACHELOR}),
                equivalence_min_years=3,
                equivalence_requires_employer_letter=True,
                employer_letter_for_all=True,
            ),
            technician_rule("AU"),
            professional_rule("JP"),
            technician_rule(
                "JP", accepted_credentials=ASSOCIATE_OR_HIGHER,
                judgement_credentials=frozenset({Credential.CERTIFICATE, Credential.DIPLOMA}),
            ),
            professional_rule("MX"),
            technician_rule("MX"),
        ),
        listings=tuple(listings),
        regulations=(
            Regulation("72300", "ON", True, "Ontario compulsory trade", "S30a"),
            Regulation("22300", "ON", False, "", "S30b"),
        ),
        wages=(
            WageRate("21231", "ON", low=30.0, median=50.0, reference_period="2023-2024", source="Job Bank",
                     region_name="Ontario"),
            WageRate("21231", "ON", low=26.81, median=57.69, reference_period="2023-2024", source="Job Bank",
                     region_code="ER3570", region_name="Windsor--Sarnia"),
            WageRate("21231", "ON", low=None, median=None, reference_period="NA", source="Job Bank",
                     region_code="ER3595", region_name="Northwest"),
            WageRate("22300", "NAT", low=25.0, median=35.0, reference_period="2023-2024", source="Job Bank",
                     region_name="Canada"),
            WageRate("72300", "ON", low=None, median=None, reference_period="NA", source="Job Bank"),
        ),
        unit_groups=frozenset({"21231", "22300", "31301", "41100", "41101", "40012", "72200", "72201", "72202",
                               "72300", "83101", "22212", "12102", "21101", "21300"}),
        classification_since=NOC2021_SINCE,
        noc2016=(("21231", ("2173",)), ("22300", ("2231",))),
        regions=(Region("ER3570", "ON", "Windsor--Sarnia"), Region("ER3595", "ON", "Northwest")),
    )
    fields.update(changes)
    return RuleSet(**fields)


def facts(**changes) -> Facts:
    """A Mexican software engineer who meets every criterion; change what a test is about."""
    base = Facts(
        country="MX",
        status=Status.CITIZEN,
        category=PRO,
        noc_code="21231",
        province=Province.ON,
        licensed=False,
        education=Education(Credential.BACHELOR, 4, "MX", True),
        experience_months=36,
        language=Language(True),
        wage=Wage(52.0, WageUnit.HOUR, 40),
        offer_number="A1234567",
        compliance_fee_paid=True,
        employment_months=12,
        documents=frozenset(Document),
        received_on=date(2025, 3, 3),
        regulated=False,
        prevailing_wage=PrevailingWage(50.0, WageUnit.HOUR, 30.0),
    )
    return replace(base, **changes)


def technician(**changes) -> Facts:
    base = dict(category=TECH, noc_code="22300", education=Education(Credential.DIPLOMA, 2, "MX", True),
                experience_months=48)
    base.update(changes)
    return facts(**base)
