"""Recording decisions for supervision tests, through the service the wizard uses."""

from datetime import date

from eligibility import services
from eligibility.casefile import parse_case
from tests.case_examples import case

TODAY = date(2026, 11, 26)


def record(officer, decision="approve", corrects=None, **changes):
    """A decision on BASE_CASE (eligible) with changes; departures get their reasons."""
    facts = parse_case(case(**changes), TODAY)
    departs = {"departure_reason_code": "other", "departure_reason": "Because."}
    return services.record_decision(officer=officer, facts=facts, decision=decision, corrects=corrects,
                                    correction_reason="Amended." if corrects else "", **departs)
