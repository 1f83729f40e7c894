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
    ListingKind,
    PositionQuestion,
    Province,
    Status,
    WageUnit,
)
from eligibility.rulebook.facts import Education, Facts, Language, PrevailingWage, Wage
from eligibility.rulebook.ruleset import CategoryRule, CountryRule, Listing, Regulation, RuleSet, WageRate

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
    return Listing(country, TECH, ListingKind.PERMITTED, noc, wording="listed", **kw)


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
        *(permitted(c, "72200") for c in ("AU", "MX")),
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
            ),
            technician_rule("AU"),
            professional_rule("JP"),
            technician_rule(
                "JP", accepted_credentials=ASSOCIATE_OR_HIGHER, judgement_credentials=frozenset({Credential.DIPLOMA})
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
            WageRate("21231", "ON", low=30.0, median=50.0, reference_period="2023-2024", source="Job Bank"),
            WageRate("72300", "ON", low=None, median=None, reference_period="NA", source="Job Bank"),
        ),
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
