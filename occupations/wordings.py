"""Rule data's words in the page's language: list wordings, regulators and citations.

The engine and the recorded decisions carry a rule row's English wording and its provenance
(``source``), exactly as they were when the decision was made (that is the record, and what the
rules version hashes). What people read is looked up here from the rows themselves: the entry's
French wording (``wording_fr``), the regulator's (``regulator_fr``), and the row's citation as a
reader would cite it (``citation_en`` / ``citation_fr``) in place of its internal provenance.
docs/decisions/0008-rule-data-in-both-languages.md says why.

The table of words is read once per process and read again when rule rows change: at once in
this process (the rules signals call ``forget``), and, for changes made by another process, when a
lookup misses and the rules stamp has moved (checked at most once a second). A hit needs no query:
published rows are never changed, so what was found stays true.
"""

import time
from dataclasses import dataclass, field

from django.utils import translation

# How the engine cites the wage row it compared with (eligibility/rulebook/ruleset.py,
# ``WageRate.citation``): the data set and release, the area, the reference period. Repeated here
# (occupations reads nothing of the assessment); tests/eligibility/test_rule_data_languages.py
# checks that both say the same.
WAGE_CITATION = "{release}, {area} ({period})"
_RECHECK_SECONDS = 1.0


def wage_key(source: str, region_name: str, reference_period: str) -> str:
    return WAGE_CITATION.format(release=source.split(";")[0], area=region_name, period=reference_period)


@dataclass
class _Table:
    stamp: object = None
    wordings: dict[str, str] = field(default_factory=dict)
    regulators: dict[str, str] = field(default_factory=dict)
    citations: dict[str, tuple[str, str]] = field(default_factory=dict)


_held: _Table | None = None
_checked_at = 0.0


def _read() -> _Table:
    from .models import RULE_MODELS, Listing, Regulation, RulesStamp, WageRate

    table = _Table(stamp=RulesStamp.current())
    # Drafts first, then the published rows in the order they were made: the latest published words win.
    def rows(model, *names):
        return model.objects.order_by("published", "pk").values_list(*names)

    for english, french in rows(Listing, "wording", "wording_fr"):
        if french:
            table.wordings[english] = french
    for english, french in rows(Regulation, "regulator", "regulator_fr"):
        if english and french:
            table.regulators[english] = french
    for model in RULE_MODELS:
        if model is WageRate:
            continue
        for source, en, fr in rows(model, "source", "citation_en", "citation_fr"):
            if en and fr:
                table.citations[source] = (en, fr)
    for source, area, period, en, fr in rows(WageRate, "source", "region_name", "reference_period",
                                             "citation_en", "citation_fr"):
        if en and fr:
            table.citations[wage_key(source, area, period)] = (en, fr)
    return table


def _table(missed: bool = False) -> _Table:
    global _held, _checked_at
    if _held is None:
        _held, _checked_at = _read(), time.monotonic()
    elif missed and time.monotonic() - _checked_at > _RECHECK_SECONDS:
        from .models import RulesStamp

        _checked_at = time.monotonic()
        if RulesStamp.current() != _held.stamp:
            _held = _read()
    return _held


def forget() -> None:
    """Read the words again at the next lookup (rule rows were saved in this process)."""
    global _held
    _held = None


def _french(language: str | None) -> bool:
    return (language or translation.get_language() or "").startswith("fr")


def _lookup(name: str, key: str):
    found = getattr(_table(), name).get(key)
    if found is None:
        found = getattr(_table(missed=True), name).get(key)
    return found


def wording(english: str, language: str | None = None) -> str:
    """A list entry's wording in ``language`` (default: the active one); the English where no
    French is on file."""
    if not english or not _french(language):
        return english
    return _lookup("wordings", english) or english


def regulator(english: str, language: str | None = None) -> str:
    if not english or not _french(language):
        return english
    return _lookup("regulators", english) or english


def citation(source: str, language: str | None = None) -> str | None:
    """The citation of the rule row whose provenance is ``source`` (or of the wage row the engine
    cited), in ``language``; None when no row has it."""
    if not source:
        return None
    found = _lookup("citations", source)
    if found is None:
        return None
    return found[1] if _french(language) else found[0]
