"""Pages. Thin adapters: they read through selectors and the snapshot, and hold no rule."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from eligibility import drafts, selectors, services
from eligibility.models import Decision
from eligibility.rulebook.codes import Result
from eligibility.signals import decision_viewed
from eligibility.snapshot import ruleset_on
from eligibility.wizard.prefill import answers_from_decision
from eligibility.wizard.steps import CRITERION_TITLES
from eligibility.working import criterion_rows, spouse_reason, stay_reason
from occupations import selectors as occupation_selectors


class RulesDateForm(forms.Form):
    on = forms.DateField(
        label=_("On"), required=False, input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD, for example 2025-03-03.")},
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def rules_in_force(request):
    """The rules in force on a date (today unless ``?on=YYYY-MM-DD``) and their version."""
    form = RulesDateForm(request.GET or None)
    day = form.cleaned_data["on"] if form.is_valid() and form.cleaned_data["on"] else timezone.localdate()
    ruleset = ruleset_on(day)
    context = {
        "form": form,
        "day": day,
        "rules_version": ruleset.version,
        "countries": occupation_selectors.countries_in_force(day),
        "listing_counts": occupation_selectors.listing_counts(day),
    }
    return render(request, "eligibility/rules_in_force.html", context)


# Recorded decisions -------------------------------------------------------------------------
def decision_detail(request, pk: int):
    """A recorded decision, printable, with draft notes and, where it applies, a draft letter."""
    decision = selectors.decision_for(request.user, pk)
    decision_viewed.send(sender=Decision, decision=decision, user=request.user)
    context = decision_context(request, decision)
    context.update(drafts.drafts(request, context, lambda: decision_context(request, decision)))
    return render(request, "eligibility/decision_detail.html", context)


def decision_context(request, decision) -> dict:
    """What a decision's pages show: the record, the working, notes and letter, corrections."""
    rows = criterion_rows(decision.working)
    # The letter gives the criteria the refusal rests on: neither those met nor those not assessed.
    letter_rows = [r for r in rows if r.result in (Result.NOT_MET.value, Result.UNDETERMINED.value)]
    return {
        "decision": decision, "rows": [(row, None) for row in rows], "letter_rows": letter_rows,
        "stay_reason": stay_reason(decision.working), "spouse_reason": spouse_reason(decision.working),
        "corrections": (corrections := selectors.corrections_of(decision)),
        # Corrected once already, it is corrected no more (its correction may be).
        "can_correct": (not corrections and decision.officer_id == request.user.pk
                        and request.user.has_perm("eligibility.add_decision")),
        "criterion_titles": CRITERION_TITLES,
    }


@require_POST
@permission_required("eligibility.add_decision", raise_exception=True)
def correct_decision(request, pk: int):
    """Start a correction: a new draft with the decision's answers, linked to the decision."""
    decision = selectors.decision_for(request.user, pk)
    if decision.officer_id != request.user.pk:
        raise PermissionDenied
    # At most one correction per decision (the database's constraint): a second is refused here,
    # with what stands in its way, before any draft is made.
    standing = services.correction_of(decision)
    if standing is not None:
        messages.error(request, already_corrected_message(standing))
        return redirect("decision-detail", pk=standing.pk)
    draft = selectors.correction_draft_of(decision)
    if draft is not None and draft.officer_id == request.user.pk:
        messages.info(request, _("You have already started a correction of this decision (last saved %(saved)s): "
                                 "here it is.") % {"saved": _when(draft.updated_at)})
        return redirect("wizard-step", pk=draft.pk, step="review")
    if draft is not None:
        messages.error(request, _("%(officer)s has already started a correction of this decision (last saved "
                                  "%(saved)s). A decision is corrected once: ask them, or correct their correction "
                                  "once it is recorded.") % {"officer": draft.officer.get_username(),
                                                             "saved": _when(draft.updated_at)})
        return redirect("decision-detail", pk=decision.pk)
    # Recorded by the batch command or the demo seed, it has no assessment: rebuild its answers.
    answers = decision.assessment.answers if decision.assessment else answers_from_decision(decision)
    assessment = services.start_assessment(request.user, corrects=decision, answers=dict(answers))
    return redirect("wizard-step", pk=assessment.pk, step="review")


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i")


def already_corrected_message(correction: Decision) -> str:
    """Why a decision cannot be corrected again: the correction that stands, by whom, when."""
    return _("This decision has already been corrected by %(officer)s: see the decision recorded %(recorded)s. "
             "A decision is corrected once; to change the case again, correct that decision.") % {
        "officer": correction.officer.get_username(), "recorded": _when(correction.created_at)}
