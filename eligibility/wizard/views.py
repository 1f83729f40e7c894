"""The wizard's pages: thin adapters between the step forms, the saved answers and the engine."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from eligibility import selectors, services
from eligibility.reasons import permit_reason
from eligibility.rulebook.counting import permit_valid_until
from eligibility.views import already_corrected_message
from eligibility.working import criterion_rows, spouse_reason, stay_reason
from occupations import selectors as occupation_selectors

from . import language, progress
from .answers import details_from_answers, recounted_experience
from .build import build
from .forms.decision import DecisionForm
from .steps import ANSWER_STEPS, ORDER, TITLES, Step, next_step, position, previous_step, step_of

officer_only = permission_required("eligibility.add_decision", raise_exception=True)


def step_url(assessment, step: Step) -> str:
    return reverse("wizard-step", args=[assessment.pk, step.value])


# Home ---------------------------------------------------------------------------------------
def home(request):
    """The officer's drafts to resume and recent decisions; supervisors and admins see links."""
    context = {
        "drafts": selectors.drafts_for(request.user),
        "decisions": selectors.recent_decisions_for(request.user),
        "returned": selectors.returned_to(request.user),
        "can_assess": request.user.has_perm("eligibility.add_decision"),
    }
    return render(request, "eligibility/home.html", context)


@require_POST
@officer_only
def start(request):
    assessment = services.start_assessment(request.user)
    return redirect(step_url(assessment, Step.CASE))


@require_GET
def noc_suggestions(request):
    """Suggestions for the occupation field as the officer types (the field works without them)."""
    groups = occupation_selectors.search_unit_groups(request.GET.get("q", "")[:100], limit=10)
    return JsonResponse({"results": [{"code": g.code, "title": g.title_en if not request.LANGUAGE_CODE.startswith("fr")
                                      else (g.title_fr or g.title_en)} for g in groups]})


# Steps --------------------------------------------------------------------------------------
def _progress(assessment, current: Step):
    answered = set(assessment.answers)
    return [{"step": s, "title": TITLES[s], "url": step_url(assessment, s), "current": s is current,
             "done": s.value in answered} for s in ORDER]


def _page(request, assessment, step: Step, form, context, status=200):
    today = timezone.localdate()
    template = "eligibility/wizard/experience.html" if step is Step.EXPERIENCE else "eligibility/wizard/step.html"
    return render(request, template, {
        "assessment": assessment, "step": step, "title": TITLES[step], "form": form, "step_form": "step",
        "number": position(step), "of": len(ORDER), "progress": _progress(assessment, step),
        "previous": previous_step(step), "settled": progress.settled_against(assessment.answers, today),
        "decision_url": step_url(assessment, Step.DECISION), **context,
    }, status=status)


@officer_only
def step(request, pk: int, step: str):
    assessment = selectors.draft_for(request.user, pk)
    if assessment.is_finalised:
        if request.method == "POST" and step == Step.DECISION.value and not language.asked(request):
            return _already_decided(request, assessment.decision)
        return redirect("decision-detail", pk=assessment.decision.pk)
    if switch_to := language.asked(request):  # the language toggle: nothing saved, nothing decided
        return language.switch(request, assessment, step, switch_to)
    try:
        current = Step(step)
    except ValueError:
        current = None
    if current is None or current not in ANSWER_STEPS:
        if current is Step.REVIEW:
            return review(request, assessment)
        if current is Step.DECISION:
            return decide(request, assessment)
        return redirect(step_url(assessment, Step.CASE))
    if current is not Step.CASE and Step.CASE.value not in assessment.answers:
        messages.info(request, _("Start with the case: the rules that apply depend on it."))
        return redirect(step_url(assessment, Step.CASE))

    if request.method != "POST":
        # Fields typed before the language toggle come back as typed (with their errors, if any).
        form, context = build(current, assessment.answers, language.unsaved(request, assessment, current.value))
        return _page(request, assessment, current, form, context)

    form, context = build(current, assessment.answers, request.POST)
    if getattr(form, "adding", False) or getattr(form, "checking", False):
        # "Add another period" / "Check this occupation": show more, keep what was typed, save nothing.
        return _page(request, assessment, current, form, context)
    if not form.is_valid():
        return _page(request, assessment, current, form, context, status=200)
    services.save_step(assessment, current.value, form.answers())
    for notice in getattr(form, "notices", ()):  # what the officer should know of what was saved
        messages.info(request, notice)
    if current is Step.CASE:
        recounted = recounted_experience(assessment.answers, timezone.localdate())
        if recounted is not None:  # the date received changed: experience counts up to the new one
            services.save_step(assessment, Step.EXPERIENCE.value, recounted)
            messages.warning(request, _("The date received changed: the experience was counted again up to it "
                                        "(%(months)s months). Check the experience step.")
                             % {"months": recounted["months"]})
    if "back" in request.POST and previous_step(current):
        return redirect(step_url(assessment, previous_step(current)))
    if "to_review" in request.POST:
        return redirect(step_url(assessment, Step.REVIEW))
    return redirect(step_url(assessment, next_step(current)))


# Review and decision ------------------------------------------------------------------------
def _working_context(assessment):
    today = timezone.localdate()
    facts, result = progress.assess_answers(assessment.answers, today)
    if result is None:
        return None
    working = result.as_dict()
    rows = criterion_rows(working)
    return {
        "facts": facts, "result": result, "working": working,
        "rows": [(row, step_url(assessment, step_of(row.criterion))) for row in rows],
        "unanswered": [s for s in ANSWER_STEPS if s.value not in assessment.answers],
        "stay_reason": stay_reason(working), "spouse_reason": spouse_reason(working),
        **_permit_if_approved_today(assessment, result, working, today),
    }


def _permit_if_approved_today(assessment, result, working, today) -> dict:
    """The permit's last day were it approved today, and the cap that sets it (as
    ``services.record_decision`` will work it out and the decision's pages will word it)."""
    passport = (assessment.answers.get(Step.CASE.value) or {}).get("passport_expiry")
    if result.work_permit_max_months is None:
        return {}
    until = permit_valid_until(today, result.work_permit_max_months, date.fromisoformat(passport) if passport else None)
    return {"permit_until": until, "permit_reason": permit_reason(working, until, passport)}


def review(request, assessment):
    context = _working_context(assessment)
    if context is None:
        messages.error(request, _("No rules were in force on the date received for this category."))
        return redirect(step_url(assessment, Step.CASE))
    # With steps unanswered, only a case already settled against the applicant has an outcome:
    # the criteria not assessed leave any other case open.
    settled = progress.settled_against(assessment.answers, timezone.localdate())
    return render(request, "eligibility/wizard/review.html", {
        "assessment": assessment, "step": Step.REVIEW, "title": TITLES[Step.REVIEW], "number": position(Step.REVIEW),
        "of": len(ORDER), "progress": _progress(assessment, Step.REVIEW),
        "outcome_known": not context["unanswered"] or bool(settled), **context,
    })


def _already_decided(request, decision):
    """A second attempt to finalise (double click, another tab): said plainly, and the decision
    that stands is shown. A redirect rather than a 409 page: the officer's next step is that
    decision (to read, print or correct it), and a double click shows only the last answer."""
    messages.warning(request, _("This assessment was already decided: the decision recorded %(recorded)s stands. "
                                "Nothing was changed.")
                     % {"recorded": timezone.localtime(decision.created_at).strftime("%Y-%m-%d %H:%M")})
    return redirect("decision-detail", pk=decision.pk)


def decide(request, assessment):
    context = _working_context(assessment)
    if context is None:
        return redirect(step_url(assessment, Step.CASE))
    result = context["result"]
    # Skipping steps is only for a case already settled against the applicant on answered steps
    # (the criteria of unanswered steps are not assessed and never decide anything).
    if context["unanswered"] and not progress.settled_against(assessment.answers, timezone.localdate()):
        messages.error(request, _("Answer every step before deciding: the case is not settled yet."))
        return redirect(step_url(assessment, context["unanswered"][0]))
    # A correction's reason is a field of the form (checked, and listed in the error summary).
    # An empty POST is refused, not ignored; fields typed before the language toggle come back.
    posted = request.POST if request.method == "POST" else language.unsaved(request, assessment, Step.DECISION.value)
    form = DecisionForm(posted, outcome=result.outcome, correcting=assessment.corrects is not None)
    if request.method == "POST" and form.is_valid():
        case = assessment.answers[Step.CASE.value]
        try:
            decision = services.record_decision(
                officer=request.user, facts=context["facts"], decision=form.cleaned_data["decision"],
                details=details_from_answers(assessment.answers),
                departure_reason_code=form.cleaned_data["departure_reason_code"],
                departure_reason=form.cleaned_data["departure_reason"], notes=form.cleaned_data["notes"],
                assessment=assessment, corrects=assessment.corrects,
                correction_reason=form.cleaned_data.get("correction_reason", ""),
                identity={k: case.get(k, "") for k in ("application_number", "uci", "applicant_name")},
                refuse_if_decided=True,
            )
        except services.AlreadyDecided as already:
            return _already_decided(request, already.decision)
        except services.AlreadyCorrected as already:
            messages.error(request, _("Nothing was recorded: the decision this draft corrects was corrected "
                                      "meanwhile.") + " " + already_corrected_message(already.correction))
            return redirect("decision-detail", pk=already.correction.pk)
        messages.success(request, _("Decision recorded."))
        return redirect("decision-detail", pk=decision.pk)
    return render(request, "eligibility/wizard/decision.html", {
        "assessment": assessment, "step": Step.DECISION, "title": TITLES[Step.DECISION],
        "number": position(Step.DECISION), "of": len(ORDER), "progress": _progress(assessment, Step.DECISION),
        "form": form, "step_form": "decision", **context,
    })
