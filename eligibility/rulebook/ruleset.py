"""The rule data in force on one date, as plain frozen values.

``eligibility/snapshot.py`` builds a ``RuleSet`` from the database rows valid on a date; tests
build one by hand. Country differences are all here as data, so adding a country with the same
kinds of rules needs no code.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field

from .codes import Category, Credential, ListingKind, PositionQuestion

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
    officer_confirms: bool = False  # no clean NOC match: the officer confirms the duties fit the wording
    wording: str = ""
    source: str = ""

    def matches(self, noc_code: str) -> bool:
        return self.noc_code is None or self.noc_code == noc_code

    def applies(self, position: frozenset[PositionQuestion]) -> bool:
        if self.only_if is not None and self.only_if not in position:
            return False
        return not (self.unless is not None and self.unless in position)

    @property
    def questions(self) -> tuple[PositionQuestion, ...]:
        return tuple(q for q in (self.only_if, self.unless) if q is not None)


@dataclass(frozen=True, slots=True)
class Regulation:
    noc_code: str
    province: str
    regulated: bool
    regulator: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class WageRate:
    """A published prevailing wage for a NOC in a province (hourly unless annual)."""

    noc_code: str
    province: str
    low: float | None
    median: float | None
    annual: bool = False
    reference_period: str = ""
    source: str = ""


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
        idx["wages"] = {(w.noc_code, w.province): w for w in self.wages}

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

    def wage(self, noc_code: str, province: str) -> WageRate | None:
        return self._index["wages"].get((noc_code, province))

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
