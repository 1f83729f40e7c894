"""A decision's complete record (print view and PDF) and its replay.

Scope as everywhere: an officer reaches their own decisions, a supervisor every decision, through
``decision_for``; anyone else gets a 404, so an id cannot be probed. Each access is logged.
"""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eligibility import selectors as decisions
from eligibility.rulebook.codes import Criterion
from eligibility.views import decision_context
from eligibility.working import CriterionRow, criterion_rows, spouse_reason, stay_reason

from .. import services
from ..models import AccessEvent
from ..pdf import PDF_LAYOUT, render_pdf
from ..record import complete_record
from ..replay import Replay, Run, replay


def _record_context(request, decision, *, pdf: bool) -> dict:
    context = decision_context(request, decision)
    context.update({
        "record": complete_record(decision), "pdf": pdf, "prepared_at": timezone.now(), "prepared_by": request.user,
        # The print view sits in the site's layout; the PDF in a bare one (no navigation, no links out).
        "layout": engines["django"].from_string(PDF_LAYOUT) if pdf else "base.html",
    })
    return context


def record(request, pk: int):
    """The complete record as a page, laid out for printing."""
    decision = decisions.decision_for(request.user, pk)
    services.log(request.user, AccessEvent.Action.VIEW, decision.pk, detail="record")
    return render(request, "supervision/record.html", _record_context(request, decision, pdf=False))


def record_pdf(request, pk: int):
    """The same record as a tagged PDF. Logged before it is built, so the record lists its own making."""
    decision = decisions.decision_for(request.user, pk)
    services.log(request.user, AccessEvent.Action.PDF, decision.pk)
    html = render_to_string("supervision/record.html", _record_context(request, decision, pdf=True), request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="decision-{decision.pk}-record.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@dataclass(frozen=True)
class Change:
    """A criterion that differs, as people read it: the stored row and the replayed one."""

    criterion: Criterion
    before: CriterionRow | None
    after: CriterionRow | None


def _changes(stored: dict, run: Run | None) -> list[Change]:
    if run is None or run.differences is None or not run.differences.criteria:
        return []
    before = {row.criterion: row for row in criterion_rows(stored)}
    after = {row.criterion: row for row in criterion_rows(run.working)}
    return [Change(c.criterion, before.get(c.criterion), after.get(c.criterion)) for c in run.differences.criteria]


OTHER_LABELS = {
    "work_permit_max_months": _("Longest permit the rules allow (months)"),
    "work_permit_reason": _("Why that length"),
    "spouse_open_work_permit": _("Spouse open work permit (T53)"),
    "spouse_reason": _("Why, for the spouse"),
}
_SHOWN = {True: _("Yes"), False: _("No"), None: "—"}


def _others(stored: dict, run: Run | None) -> list[tuple[str, str, str]]:
    """Differences outside the criteria: (label, stored, replayed)."""
    if run is None or run.differences is None:
        return []
    rows = []
    for key, before, after in run.differences.other:
        if key == "work_permit_reason":
            before, after = stay_reason(stored), stay_reason(run.working)
        elif key == "spouse_reason":
            before, after = spouse_reason(stored) or "—", spouse_reason(run.working) or "—"
        elif isinstance(before, bool | None) and isinstance(after, bool | None):
            before, after = _SHOWN[before], _SHOWN[after]
        rows.append((OTHER_LABELS.get(key, key), before, after))
    return rows


def replay_decision(request, pk: int):
    """The decision's stored facts run again: under its own rules version, and under today's rules."""
    decision = decisions.decision_for(request.user, pk)
    services.log(request.user, AccessEvent.Action.REPLAY, decision.pk)
    result: Replay = replay(decision)
    return render(request, "supervision/replay.html", {
        "decision": decision, "replay": result,
        "own_changes": _changes(decision.working, result.own),
        "today_changes": _changes(decision.working, result.now),
        "own_others": _others(decision.working, result.own),
        "today_others": _others(decision.working, result.now),
    })
