"""Labels for the engine's codes, for forms, the admin and pages.

Stored values are always the codes (``eligibility.rulebook.codes``); these are the words shown for
them, in the active language. One home for every code's label.
"""

from django.utils.translation import gettext_lazy as _

from eligibility.rulebook.codes import (
    Category,
    Credential,
    Criterion,
    Document,
    Judgement,
    ListingKind,
    Outcome,
    PositionQuestion,
    Province,
    Result,
    Status,
    WageUnit,
)

CATEGORY = {
    Category.PROFESSIONAL: _("Professional"),
    Category.TECHNICIAN: _("Technician"),
}

STATUS = {
    Status.CITIZEN: _("Citizen"),
    Status.PERMANENT_RESIDENT: _("Permanent resident"),
}

CREDENTIAL = {
    Credential.NONE: _("None"),
    Credential.SECONDARY: _("Secondary school"),
    Credential.CERTIFICATE: _("Certificate"),
    Credential.DIPLOMA: _("Diploma"),
    Credential.ASSOCIATE: _("Associate degree"),
    Credential.BACHELOR: _("Bachelor's degree"),
    Credential.MASTER: _("Master's degree"),
    Credential.DOCTORATE: _("Doctorate"),
}

WAGE_UNIT = {
    WageUnit.HOUR: _("per hour"),
    WageUnit.WEEK: _("per week"),
    WageUnit.MONTH: _("per month"),
    WageUnit.YEAR: _("per year"),
}

PROVINCE = {
    Province.AB: _("Alberta"),
    Province.BC: _("British Columbia"),
    Province.MB: _("Manitoba"),
    Province.NB: _("New Brunswick"),
    Province.NL: _("Newfoundland and Labrador"),
    Province.NS: _("Nova Scotia"),
    Province.NT: _("Northwest Territories"),
    Province.NU: _("Nunavut"),
    Province.ON: _("Ontario"),
    Province.PE: _("Prince Edward Island"),
    Province.QC: _("Quebec"),
    Province.SK: _("Saskatchewan"),
    Province.YT: _("Yukon"),
}

POSITION_QUESTION = {
    PositionQuestion.NOTARY: _("The duties are those of a notary"),
    PositionQuestion.FOREIGN_LEGAL_CONSULTANT: _("The position is that of a foreign legal consultant"),
    PositionQuestion.RESEARCHER: _("It is a research position"),
    PositionQuestion.ACADEMIC_ENTITY: _("The employer is an academic entity"),
    PositionQuestion.OPERATOR: _("It is an operator position in oil and gas well work"),
}

# What each question is about, named neutrally (the answer may be yes or no).
POSITION_QUESTION_TOPIC = {
    PositionQuestion.NOTARY: _("notary duties"),
    PositionQuestion.FOREIGN_LEGAL_CONSULTANT: _("foreign legal consultant"),
    PositionQuestion.RESEARCHER: _("research position"),
    PositionQuestion.ACADEMIC_ENTITY: _("academic entity"),
    PositionQuestion.OPERATOR: _("operator position"),
}

# The same, asked of the officer on the occupation step.
POSITION_QUESTION_ASKED = {
    PositionQuestion.NOTARY: _("Are the duties those of a notary?"),
    PositionQuestion.FOREIGN_LEGAL_CONSULTANT: _("Is the position that of a foreign legal consultant?"),
    PositionQuestion.RESEARCHER: _("Is it a research position?"),
    PositionQuestion.ACADEMIC_ENTITY: _("Is the employer an academic entity?"),
    PositionQuestion.OPERATOR: _("Is it an operator position in oil and gas well work?"),
}

# The judgements the instructions leave to the officer, as the officer is asked them.
JUDGEMENT = {
    Judgement.RELATED_HEALTH_EDUCATION_SOCIAL: _(
        "Is this position related to health, education or social services?"),
    Judgement.RELATED_CULTURAL_INDUSTRIES: _("Is this position related to cultural industries?"),
    Judgement.MATCHES_LISTED_OCCUPATION: _("Is this position the occupation the country's list names?"),
    Judgement.EQUIVALENT_QUALIFICATION: _(
        "Is the applicant's credential the equivalent qualification the instructions accept?"),
}

# The judgements an occupation list entry can turn on.
LISTING_JUDGEMENT = {j: label for j, label in JUDGEMENT.items() if j is not Judgement.EQUIVALENT_QUALIFICATION}

LISTING_KIND = {
    ListingKind.PERMITTED: _("Permitted"),
    ListingKind.EXCLUDED: _("Excluded"),
}

CRITERION = {
    Criterion.STATUS: _("Status"),
    Criterion.OCCUPATION: _("Occupation"),
    Criterion.EDUCATION: _("Education"),
    Criterion.EXPERIENCE: _("Experience"),
    Criterion.CREDENTIALS: _("Licensing or study and experience"),
    Criterion.LANGUAGE: _("Language"),
    Criterion.REMUNERATION: _("Remuneration"),
    Criterion.EMPLOYER: _("Employer compliance"),
    Criterion.DOCUMENTATION: _("Documentation"),
}

RESULT = {
    Result.MET: _("Met"),
    Result.NOT_MET: _("Not met"),
    Result.UNDETERMINED: _("Undetermined"),
}

OUTCOME = {
    Outcome.ELIGIBLE: _("Eligible"),
    Outcome.NOT_ELIGIBLE: _("Not eligible"),
    Outcome.NEEDS_OFFICER_REVIEW: _("Needs officer review"),
}

DOCUMENT = {
    Document.JOB_DESCRIPTION: _("Job description"),
    Document.DURATION: _("Duration of employment"),
    Document.PAYMENT_ARRANGEMENTS: _("Arrangements regarding payment"),
    Document.CREDENTIALS: _("Educational qualification or alternative credentials"),
}

# The facts a criterion needs (``Facts`` attribute names, eligibility/rulebook/rules/entered.py),
# as a reason names them when they were not entered: "Not assessed: not entered (occupation)".
FACT = {
    "noc_code": _("occupation"),
    "province": _("province or territory of work"),
    "education": _("education"),
    "experience_months": _("paid experience"),
    "language": _("language ability"),
    "wage": _("wage offered"),
    "offer_number": _("offer of employment number"),
    "compliance_fee_paid": _("employer compliance fee"),
    "documents": _("documents provided"),
}


def choices(labels: dict) -> list[tuple[str, object]]:
    """Django ``choices`` from a code → label mapping, codes stored as plain strings."""
    return [(code.value, label) for code, label in labels.items()]
