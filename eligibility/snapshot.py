"""Rule rows in force on a date → the engine's ``RuleSet`` (with its content hash as version).

``RuleHistory`` reads every rule row once and hands out the rule set for any date, building each
distinct set only once: between two dates on which some row starts or ends, the rules are the
same. The batch command assesses 100,000 cases with a handful of queries this way.
"""

import bisect
from datetime import date, timedelta

from eligibility.rulebook.codes import Category, Credential, Judgement, ListingKind, PositionQuestion
from eligibility.rulebook.ruleset import CategoryRule, CountryRule, Listing, Region, Regulation, RuleSet, WageRate
from occupations import models as m

_PROVINCES_AND_CANADA = m.PROVINCE_LEVEL_REGIONS


def _float(value):
    return None if value is None else float(value)


def _credentials(codes) -> frozenset:
    return frozenset(Credential(c) for c in codes)


def _country(row: m.Country) -> CountryRule:
    return CountryRule(
        code=row.code,
        permanent_residents_eligible=row.permanent_residents_eligible,
        spouse_owp_citizens=row.spouse_owp_citizens,
        spouse_owp_permanent_residents=row.spouse_owp_permanent_residents,
        source=row.source,
    )


def _category_rule(row: m.CategoryRule) -> CategoryRule:
    return CategoryRule(
        country=row.country_code,
        category=Category(row.category),
        min_study_years=float(row.min_study_years),
        accepted_credentials=_credentials(row.accepted_credentials),
        min_experience_months=row.min_experience_months,
        length_of_stay_months=row.length_of_stay_months,
        eligible_teers=frozenset(int(t) for t in row.eligible_teers),
        judgement_credentials=_credentials(row.judgement_credentials),
        equivalence_country=row.equivalence_country,
        equivalence_credentials=_credentials(row.equivalence_credentials),
        equivalence_min_years=_float(row.equivalence_min_years),
        equivalence_requires_employer_letter=row.equivalence_requires_employer_letter,
        employer_letter_for_all=row.employer_letter_for_all,
        source=row.source,
    )


def _listing(row: m.Listing) -> Listing:
    return Listing(
        country=row.country_code,
        category=Category(row.category),
        kind=ListingKind(row.kind),
        noc_code=row.unit_group_id,
        only_if=PositionQuestion(row.only_if) if row.only_if else None,
        unless=PositionQuestion(row.unless) if row.unless else None,
        officer_confirms=row.officer_confirms,
        wording=row.wording,
        source=row.source,
        judgement=Judgement(row.judgement) if row.judgement else None,
    )


def _regulation(row: m.Regulation) -> Regulation:
    return Regulation(row.unit_group_id, row.province, row.regulated, row.regulator, row.source)


def _wage(row: m.WageRate) -> WageRate:
    return WageRate(
        noc_code=row.unit_group_id,
        province=row.province,
        low=_float(row.low),
        median=_float(row.median),
        annual=row.annual,
        reference_period=row.reference_period,
        source=row.source,
        # Province and Canada rows are the province's or Canada's own; the others a region's.
        region_code="" if row.region_code in _PROVINCES_AND_CANADA else row.region_code,
        region_name=row.region_name,
    )


# (RuleSet field, model, converter): the rule data the engine reads.
_TABLES = (
    ("countries", m.Country, _country),
    ("category_rules", m.CategoryRule, _category_rule),
    ("listings", m.Listing, _listing),
    ("regulations", m.Regulation, _regulation),
    ("wages", m.WageRate, _wage),
)


class Classification:
    """The NOC 2021 reference data a rule set carries beside the rules: the unit groups with
    their validity, the day NOC 2021 came into use and the concordance from NOC 2016. Read once
    and shared by the rule histories that need the same (``Versions`` passes one to all of its)."""

    def __init__(self):
        self.groups = list(m.UnitGroup.objects.values_list("code", "valid_from", "valid_to"))
        self.since = min((start for _code, start, _end in self.groups), default=None)
        links: dict[str, list[str]] = {}
        for old, new in m.Noc2016Link.objects.order_by("noc2016_code").values_list("noc2016_code", "unit_group_id"):
            links.setdefault(new, []).append(old)
        self.noc2016 = tuple(sorted((code, tuple(olds)) for code, olds in links.items()))

    def boundaries(self) -> set[date]:
        return {end + timedelta(days=1) for _code, _start, end in self.groups if end is not None}

    def on(self, day: date) -> dict:
        return {
            "unit_groups": frozenset(code for code, _start, end in self.groups if end is None or day <= end),
            "classification_since": self.since,
            "noc2016": self.noc2016,
        }


class RuleHistory:
    """Every published rule row with its validity, ready to give the rule set in force on any date.

    A row is in force from its ``valid_from`` to its ``valid_to``, or until the day before a
    published row that replaces it starts, whichever is first; a removal (a row that replaces
    another with ``removes`` set) is never in force itself. ``known_at`` reads only the change
    sets published by then: the rules as they stood when a decision was recorded (its own version).
    ``extra`` adds rows as if published, each with its start: how the impact preview sees a draft.
    Job Bank's economic regions are those its wage rows name, whatever their dates: where work is
    performed does not depend on the wages in force.
    """

    def __init__(self, known_at=None, extra=None, classification: Classification | None = None):
        self._rows: dict[str, list] = {}
        boundaries: set[date] = set()
        for name, model, convert in _TABLES:
            rows = model.objects.filter(published=True)
            if known_at is not None:
                rows = rows.filter(change_set__published_at__lte=known_at)
            rows = list(rows.order_by("pk"))
            rows += list((extra or {}).get(model, ()))
            ends = {}
            for row in rows:  # a replaced row ends the day before its replacement starts
                if row.replaces_id is not None:
                    end = row.valid_from - timedelta(days=1)
                    ends[row.replaces_id] = min(end, ends.get(row.replaces_id, end))
            kept = []
            for row in rows:
                if row.removes:
                    continue
                end = min((d for d in (row.valid_to, ends.get(row.pk)) if d is not None), default=None)
                if end is not None and end < row.valid_from:
                    continue  # replaced before it started
                kept.append((row.valid_from, end, convert(row)))
                boundaries.add(row.valid_from)
                if end is not None:
                    boundaries.add(end + timedelta(days=1))
            self._rows[name] = kept
        self.classification = classification or Classification()
        boundaries |= self.classification.boundaries()
        self._regions = tuple(sorted({Region(w.region_code, w.province, w.region_name)
                                      for _start, _end, w in self._rows["wages"] if w.region_code},
                                     key=lambda r: r.code))
        self._boundaries = sorted(boundaries)
        self._cache: dict[int, RuleSet] = {}

    def on(self, day: date) -> RuleSet:
        """The rule set in force on ``day`` (rows with valid_from ≤ day ≤ their end)."""
        period = bisect.bisect_right(self._boundaries, day)
        ruleset = self._cache.get(period)
        if ruleset is None:
            ruleset = self._cache[period] = self._build(day)
        return ruleset

    def _build(self, day: date) -> RuleSet:
        def in_force(name):
            return tuple(v for start, end, v in self._rows[name] if start <= day and (end is None or day <= end))

        return RuleSet(**{name: in_force(name) for name, *_ in _TABLES}, **self.classification.on(day),
                       regions=self._regions)


class Versions:
    """The rules as they stood at any moment: one ``RuleHistory`` per distinct set of published
    change sets, built when first asked for (replaying many decisions reads each set once)."""

    def __init__(self, classification: Classification | None = None):
        self._times = sorted(m.ChangeSet.objects.filter(published_at__isnull=False)
                             .values_list("published_at", flat=True))
        self._cache: dict[int, RuleHistory] = {}
        self._classification = classification

    def at(self, moment) -> RuleHistory:
        k = bisect.bisect_right(self._times, moment)
        history = self._cache.get(k)
        if history is None:
            if self._classification is None:
                self._classification = Classification()
            history = self._cache[k] = RuleHistory(known_at=self._times[k - 1] if k else moment,
                                                   classification=self._classification)
        return history


_held: tuple[object, RuleHistory] | None = None


def current_history() -> RuleHistory:
    """The rule history, read once per process and again only when the rules stamp has moved
    (one small query per call), so a page does not reread every rule row. Without a stamp row
    (a database changed outside the app) it reads afresh every time."""
    global _held
    stamp = m.RulesStamp.current()
    if _held is None or stamp is None or _held[0] != stamp:
        _held = (stamp, RuleHistory())
    return _held[1]


def ruleset_on(day: date) -> RuleSet:
    """The rule set in force on one date, as the database holds it now."""
    return current_history().on(day)
