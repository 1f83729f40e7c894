"""The facts of one case, as the engine reads them.

Plain frozen dataclasses: the wizard's forms and the batch command's parser both build these,
and a recorded decision stores them. ``None`` always means "not answered", never a default.
"""

from dataclasses import dataclass, field
from datetime import date

from .codes import Category, Credential, Document, Judgement, PositionQuestion, Province, Status, WageUnit

WEEKS_PER_YEAR = 52
MONTHS_PER_YEAR = 12


@dataclass(frozen=True, slots=True)
class Education:
    credential: Credential
    years: float
    country: str
    related_field: bool


@dataclass(frozen=True, slots=True)
class Language:
    satisfactory: bool | None
    offer_requirements_met: bool | None = None


@dataclass(frozen=True, slots=True)
class Money:
    """An amount of money per unit of time."""

    amount: float
    unit: WageUnit

    def per_year(self, hours_per_week: float) -> float:
        """The amount per year, at the offer's weekly hours and 52 weeks a year (contract)."""
        if self.unit is WageUnit.HOUR:
            return self.amount * hours_per_week * WEEKS_PER_YEAR
        if self.unit is WageUnit.WEEK:
            return self.amount * WEEKS_PER_YEAR
        if self.unit is WageUnit.MONTH:
            return self.amount * MONTHS_PER_YEAR
        return self.amount


@dataclass(frozen=True, slots=True)
class Wage:
    amount: float
    unit: WageUnit
    hours_per_week: float

    def per_year(self) -> float:
        return Money(self.amount, self.unit).per_year(self.hours_per_week)


@dataclass(frozen=True, slots=True)
class PrevailingWage:
    """The officer's comparator: the median and, optionally, the low wage, in one unit."""

    amount: float
    unit: WageUnit
    low: float | None = None
    source: str = ""  # where the officer's figures come from, in their words


@dataclass(frozen=True, slots=True)
class Facts:
    """A batch case has every fact. A case the officer decided on an earlier criterion lacks the
    facts of the steps never answered: those are None, and the criteria that need them are not
    assessed (``rules.entered.NEEDS``)."""

    country: str
    status: Status
    category: Category
    noc_code: str | None
    province: Province | None
    licensed: bool | None
    education: Education | None
    experience_months: int | None
    language: Language | None
    wage: Wage | None
    offer_number: str | None
    compliance_fee_paid: bool | None
    employment_months: int | None
    documents: frozenset[Document] | None
    received_on: date
    position: frozenset[PositionQuestion] = frozenset()
    regulated: bool | None = None
    licence_required: bool | None = True
    employer_letter: bool = False
    non_monetary: tuple[tuple[str, float], ...] = ()
    prevailing_wage: PrevailingWage | None = None
    spouse: bool = False
    # The officer's answers to the judgements the case raised (absent: not answered).
    judgements: frozenset[tuple[Judgement, bool]] = frozenset()
    # Job Bank's economic region of the place of work (None: not given; the province is compared).
    economic_region: str | None = None
    # Whether the applicant meets the NOC's own employment requirements (None: not recorded).
    noc_requirements_met: bool | None = None
    # An extension of a CPTPP work permit, and whether the documents satisfy the officer of the need.
    extension: bool = False
    extension_need_shown: bool | None = None
    reference: str | None = field(default=None, compare=False)

    def judgement(self, question: Judgement) -> bool | None:
        """The officer's answer to ``question``, or None when not answered."""
        for asked, answer in self.judgements:
            if asked is question:
                return answer
        return None

    @property
    def teer(self) -> int:
        """TEER is the second digit of a NOC 2021 unit-group code (Statistics Canada)."""
        return int(self.noc_code[1])
