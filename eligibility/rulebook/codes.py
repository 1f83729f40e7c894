"""The codes the engine speaks in.

Stored values and the batch contract use these exact strings; labels for people live at the
presentation edge (``eligibility/reasons.py`` and the forms), never here.
"""

from enum import StrEnum


class Category(StrEnum):
    PROFESSIONAL = "professional"
    TECHNICIAN = "technician"


class Status(StrEnum):
    CITIZEN = "citizen"
    PERMANENT_RESIDENT = "permanent_resident"


class Credential(StrEnum):
    NONE = "none"
    SECONDARY = "secondary"
    CERTIFICATE = "certificate"
    DIPLOMA = "diploma"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"


class WageUnit(StrEnum):
    HOUR = "hour"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Province(StrEnum):
    AB = "AB"
    BC = "BC"
    MB = "MB"
    NB = "NB"
    NL = "NL"
    NS = "NS"
    NT = "NT"
    NU = "NU"
    ON = "ON"
    PE = "PE"
    QC = "QC"
    SK = "SK"
    YT = "YT"


class PositionQuestion(StrEnum):
    """Facts about the position that a country's list turns on (contract: ``position``)."""

    NOTARY = "notary"
    FOREIGN_LEGAL_CONSULTANT = "foreign_legal_consultant"
    RESEARCHER = "researcher"
    ACADEMIC_ENTITY = "academic_entity"
    OPERATOR = "operator"


class Judgement(StrEnum):
    """Questions the instructions leave to the officer's judgement (contract: ``judgements``).

    Unlike a position question, an unanswered judgement is never read as "no": the criterion
    that turns on it stays undetermined until the officer answers."""

    RELATED_HEALTH_EDUCATION_SOCIAL = "related_health_education_social_services"
    RELATED_CULTURAL_INDUSTRIES = "related_cultural_industries"
    MATCHES_LISTED_OCCUPATION = "matches_listed_occupation"
    EQUIVALENT_QUALIFICATION = "equivalent_qualification"


class ListingKind(StrEnum):
    PERMITTED = "permitted"
    EXCLUDED = "excluded"


class Criterion(StrEnum):
    """The nine criteria of a T52 assessment, in the order an officer works through them."""

    STATUS = "status"
    OCCUPATION = "occupation"
    EDUCATION = "education"
    EXPERIENCE = "experience"
    CREDENTIALS = "credentials"
    LANGUAGE = "language"
    REMUNERATION = "remuneration"
    EMPLOYER = "employer"
    DOCUMENTATION = "documentation"


class Result(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNDETERMINED = "undetermined"
    # The facts the criterion turns on were never entered (a case decided on an earlier
    # criterion): neither met nor not met, and never counted as either. Only a case built from
    # an officer's partial answers has it; a batch case carries every fact (the contract).
    NOT_ASSESSED = "not_assessed"


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_OFFICER_REVIEW = "needs_officer_review"


class Section(StrEnum):
    """Parts of the program delivery instructions (the seed) that a finding relies on."""

    GENERAL_CRITERIA = "general_criteria"
    DOCUMENTATION = "documentation"
    SPECIALIZED_KNOWLEDGE = "specialized_knowledge"
    LANGUAGE = "language"
    EMPLOYER_PORTAL = "employer_portal"
    LENGTH_OF_STAY = "length_of_stay"
    PROFESSIONALS = "professionals"
    TECHNICIANS = "technicians"
    COUNTRY_SPECIFIC = "country_specific"
    SPOUSES = "spouses"
    INTRODUCTION = "introduction"


class Document(StrEnum):
    JOB_DESCRIPTION = "job_description"
    DURATION = "duration"
    PAYMENT_ARRANGEMENTS = "payment_arrangements"
    CREDENTIALS = "credentials"
