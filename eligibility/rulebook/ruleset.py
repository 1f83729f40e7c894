"""The rule data in force on one date, as plain frozen values.

``eligibility/snapshot.py`` builds a ``RuleSet`` from the database rows valid on a date; tests
build one by hand. Country differences are all here as data, so adding a country with the same
kinds of rules needs no code.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date

from .codes import Category, Credential, Judgement, ListingKind, PositionQuestion

GENERAL = ""  # country code of the category rules that apply to every country (the general criteria)


@dataclass(frozen=True, slots=True)
class CountryRule:
    """A party to the commitments, and who among its people the commitments cover."""

    code: str
    permanent_residents_eligible: bool
    spouse_owp_citizens: bool
    spouse_owp_permanent_residents: bool
    source: str = ""


@dataclass(frozen=True, slots=True)
class CategoryRule:
    """Education, experience and stay parameters for one country (or GENERAL) and category."""

    country: str
    category: Category
    min_study_years: float
    accepted_credentials: frozenset[Credential]
    min_experience_months: int
    length_of_stay_months: int = 12
    eligible_teers: frozenset[int] = frozenset()
    # Credentials whose equivalence the officer must judge (e.g. a Japanese "equivalent" of an
    # associate's degree): meeting the years with one of these leaves education undetermined.
    judgement_credentials: frozenset[Credential] = frozenset()
    # The equivalence route (Australia: a 3-year Australian bachelor's is deemed to meet the
    # Canadian requirement, with a letter from the Canadian client or employer).
    equivalence_country: str = ""
    equivalence_credentials: frozenset[Credential] = frozenset()
    equivalence_min_years: float | None = None
    equivalence_requires_employer_letter: bool = False
    # The reading of "Australian professionals also require a letter provided by the Canadian
    # client or employer": every applicant of the country and category needs it (True), or only
    # those on the equivalence route (False, with ``equivalence_requires_employer_letter``).
    employer_letter_for_all: bool = False
    source: str = ""

    @property
    def has_equivalence(self) -> bool:
        return bool(self.equivalence_country) and self.equivalence_min_years is not None


@dataclass(frozen=True, slots=True)
class Listing:
    """One entry of a country's occupation list for a category.

    ``noc_code`` None means every occupation of the category (Japan's researcher exclusion).
    ``only_if``: the entry applies only when the position has this feature (Australia excludes
    lawyers only when the duties are a notary's). ``unless``: the entry does not apply when it
    has this one (foreign legal consultants, academic entities, operators).
    """

    country: str
    category: Category
    kind: ListingKind
    noc_code: str | None
    only_if: PositionQuestion | None = None
    unless: PositionQuestion | None = None
    officer_confirms: bool = False  # superseded by ``judgement``; rows published before read as its question
    wording: str = ""
    source: str = ""
    # The entry applies only when the officer answers yes to this judgement; unanswered, the
    # occupation is undetermined (e.g. "Is this position related to health, education or social
    # services?").
    judgement: Judgement | None = None

    def matches(self, noc_code: str) -> bool:
        return self.noc_code is None or self.noc_code == noc_code

    def applies(self, position: frozenset[PositionQuestion]) -> bool:
        if self.only_if is not None and self.only_if not in position:
            return False
        return not (self.unless is not None and self.unless in position)

    @property
    def questions(self) -> tuple[PositionQuestion, ...]:
        return tuple(q for q in (self.only_if, self.unless) if q is not None)

    @property
    def officer_judgement(self) -> Judgement | None:
        """The judgement the entry turns on (a row published before judgements existed that asks
        the officer to confirm the match reads as "does the position match the listed wording?")."""
        if self.judgement is not None:
            return self.judgement
        return Judgement.MATCHES_LISTED_OCCUPATION if self.officer_confirms else None


@dataclass(frozen=True, slots=True)
class Regulation:
    noc_code: str
    province: str
    regulated: bool
    regulator: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class WageRate:
    """A published prevailing wage for a NOC (hourly unless annual): for an economic region
    (``region_code`` set), a province or territory as a whole, or Canada (province ``NAT``)."""

    noc_code: str
    province: str
    low: float | None
    median: float | None
    annual: bool = False
    reference_period: str = ""
    source: str = ""
    region_code: str = ""
    region_name: str = ""

    @property
    def origin(self) -> str:
        """Which area the figures are for: "region", "province" or "canada"."""
        if self.region_code:
            return "region"
        return "canada" if self.province == NATIONAL else "province"

    @property
    def release(self) -> str:
        """The data set and release the row comes from, without the data file's estimate tag
        (its citation up to the first ";")."""
        return self.source.split(";")[0]

    @property
    def citation(self) -> str:
        """How the assessment cites the row: its release, area and reference period. Pages show the
        row's citation in their language in its place (occupations/wordings.py keys on this text)."""
        return f"{self.release}, {self.region_name} ({self.reference_period})"


NATIONAL = "NAT"  # the province code of Canada-wide wage rows


@dataclass(frozen=True, slots=True)
class Region:
    """A Job Bank economic region: where work is performed, within one province or territory."""

    code: str
    province: str
    name: str


class NoRulesInForce(LookupError):
    """The rule set has no general criteria for the case's category."""

    def __init__(self, category: Category):
        super().__init__(category)
        self.category = category


@dataclass(frozen=True)
class RuleSet:
    countries: tuple[CountryRule, ...]
    category_rules: tuple[CategoryRule, ...]
    listings: tuple[Listing, ...] = ()
    regulations: tuple[Regulation, ...] = ()
    wages: tuple[WageRate, ...] = ()
    # Reference data of the classification, not rules (outside the version hash): the NOC 2021
    # unit groups not ended on the date, the day NOC 2021 came into use, the NOC 2016 groups each
    # code came from (Statistics Canada's concordance) and Job Bank's economic regions.
    unit_groups: frozenset[str] = frozenset()
    classification_since: date | None = None
    noc2016: tuple[tuple[str, tuple[str, ...]], ...] = ()
    regions: tuple[Region, ...] = ()
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        idx = self._index
        idx["countries"] = {c.code: c for c in self.countries}
        idx["categories"] = {(r.country, r.category): r for r in self.category_rules}
        listings: dict = {}
        for entry in self.listings:
            listings.setdefault((entry.country, entry.category, entry.kind), []).append(entry)
        idx["listings"] = {k: tuple(v) for k, v in listings.items()}
        # The entries matching one code, in list order, found once per code rather than by
        # scanning a country's whole list for every case.
        idx["matching"] = {}
        idx["regulations"] = {(r.noc_code, r.province): r for r in self.regulations}
        idx["wages"] = {(w.noc_code, w.province, w.region_code): w for w in self.wages}
        idx["noc2016"] = dict(self.noc2016)
        idx["regions"] = {r.code: r for r in self.regions}

    # Lookups -----------------------------------------------------------------------------
    def country(self, code: str) -> CountryRule | None:
        return self._index["countries"].get(code)

    def covers(self, category: Category) -> bool:
        """Whether the general criteria for the category are in force: without them (a date before
        the agreement, or rows an admin closed) no case of that category can be assessed."""
        return (GENERAL, category) in self._index["categories"]

    def category_rule(self, country: str, category: Category) -> CategoryRule:
        """The country's own rule for the category, else the general criteria."""
        cats = self._index["categories"]
        rule = cats.get((country, category)) if self.country(country) else None
        return rule or cats[(GENERAL, category)]

    def listings_for(self, country: str, category: Category, kind: ListingKind, noc_code: str):
        entries = self._index["listings"].get((country, category, kind))
        if entries is None:
            return ()
        key = (country, category, kind, noc_code)
        found = self._index["matching"].get(key)
        if found is None:
            found = self._index["matching"][key] = tuple(e for e in entries if e.matches(noc_code))
        return found

    def regulation(self, noc_code: str, province: str) -> Regulation | None:
        return self._index["regulations"].get((noc_code, province))

    def wage(self, noc_code: str, province: str, region: str | None = None) -> WageRate | None:
        """The comparator for work in ``region`` of ``province``: the region's published wage,
        else the province's, else Canada's (the first with a median)."""
        wages = self._index["wages"]
        keys = ((noc_code, province, region),) if region else ()
        for key in (*keys, (noc_code, province, ""), (noc_code, NATIONAL, "")):
            row = wages.get(key)
            if row is not None and row.median is not None:
                return row
        return None

    def region(self, code: str) -> Region | None:
        return self._index["regions"].get(code)

    def regions_of(self, province: str) -> tuple[Region, ...]:
        return tuple(r for r in self.regions if r.province == province)

    def knows_unit_group(self, noc_code: str) -> bool:
        return noc_code in self.unit_groups

    def noc2016_codes(self, noc_code: str) -> tuple[str, ...]:
        return self._index["noc2016"].get(noc_code, ())

    def uses_noc2021(self, day: date) -> bool:
        """Whether NOC 2021 was the classification in use on ``day`` (unknown: assume so)."""
        return self.classification_since is None or day >= self.classification_since

    def judgements_for(self, country: str, category: Category, noc_code: str) -> tuple[Judgement, ...]:
        """The judgements the country's list entries for this occupation ask of the officer."""
        seen: list[Judgement] = []
        for kind in ListingKind:
            for entry in self.listings_for(country, category, kind, noc_code):
                asked = entry.officer_judgement
                if asked is not None and asked not in seen:
                    seen.append(asked)
        return tuple(seen)

    def position_questions(self, country: str, category: Category, noc_code: str):
        """The position questions an officer must answer for this occupation, in list order.

        A question belongs to the case only when an exclusion or listing that matches the
        occupation for this country turns on it.
        """
        seen: list[PositionQuestion] = []
        for kind in ListingKind:
            for entry in self.listings_for(country, category, kind, noc_code):
                for q in entry.questions:
                    if q not in seen:
                        seen.append(q)
        return tuple(seen)

    # Identity ----------------------------------------------------------------------------
    def content(self) -> dict:
        """Everything that can change an assessment, in a canonical order (for the hash)."""

        def rows(items):
            return sorted((_plain(asdict(i)) for i in items), key=lambda d: json.dumps(d, sort_keys=True))

        return {
            "countries": rows(self.countries),
            "category_rules": rows(self.category_rules),
            "listings": rows(self.listings),
            "regulations": rows(self.regulations),
            "wages": rows(self.wages),
        }

    @property
    def version(self) -> str:
        """A content hash: equal rules give equal versions, any change gives a new one."""
        cached = self._index.get("version")
        if cached is None:
            blob = json.dumps(self.content(), sort_keys=True, separators=(",", ":"))
            cached = self._index["version"] = hashlib.sha256(blob.encode()).hexdigest()[:16]
        return cached


def _plain(value):
    """JSON-ready form of dataclass content: sets sorted, enums as their codes."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
