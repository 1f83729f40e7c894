"""Golden scenarios: stored cases with the outcome the rules must give them.

A rules admin keeps a set of cases (in the batch contract's case format) whose answers are known;
running them all after a rule edit shows at once which answers moved. Stored values are codes;
labels are translated at the edge.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eligibility.casefile import CaseError, parse_case
from eligibility.models import OUTCOME_CHOICES
from eligibility.rulebook.codes import Criterion
from eligibility.wizard.steps import CRITERION_TITLES

CRITERION_CHOICES = [(c.value, CRITERION_TITLES[c]) for c in Criterion]
CRITERION_CODES = frozenset(c.value for c in Criterion)


class GoldenScenario(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True,
                            help_text=_("A short, stable identifier, e.g. C01 or contract-P01."))
    title = models.CharField(_("title"), max_length=200)
    case = models.JSONField(_("case"), help_text=_(
        "One case in the batch contract's case format (shared/contract/assess.md), as a JSON object."))
    expected_outcome = models.CharField(_("expected outcome"), max_length=24, choices=OUTCOME_CHOICES)
    # Exact sets: a criterion newly not met (or newly undetermined) is a change worth seeing.
    expected_not_met = models.JSONField(_("criteria expected not met"), default=list, blank=True)
    expected_undetermined = models.JSONField(_("criteria expected undetermined"), default=list, blank=True)
    expected_work_permit_max_months = models.PositiveSmallIntegerField(
        _("expected work-permit maximum (months)"), null=True, blank=True,
        help_text=_("Leave empty not to check it."))
    expected_spouse_open_work_permit = models.BooleanField(
        _("expected spouse open work permit (T53)"), null=True, blank=True,
        help_text=_("Leave unknown not to check it."))
    source = models.CharField(_("source"), max_length=100, blank=True,
                              help_text=_("Where the case and its answer come from, e.g. Domain brief §9.2."))
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("active"), default=True, help_text=_("Only active scenarios are run."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("golden scenario")
        verbose_name_plural = _("golden scenarios")

    def __str__(self):
        return f"{self.code}: {self.title}"

    def clean(self):
        errors = {}
        # A missing case is already reported by clean_fields ("cannot be null"); a form that could
        # not decode the JSON leaves it unset too, and one error on the field is enough.
        if self.case is not None:
            try:
                parse_case(self.case, timezone.localdate())
            except CaseError as error:
                errors["case"] = case_error(error)
        for name in ("expected_not_met", "expected_undetermined"):
            message = _criteria_problem(getattr(self, name))
            if message:
                errors[name] = ValidationError(message, code="unknown_criterion")
        if not errors and set(self.expected_not_met) & set(self.expected_undetermined):
            errors["expected_undetermined"] = ValidationError(
                _("A criterion cannot be expected both not met and undetermined."), code="both")
        if errors:
            raise ValidationError(errors)


def case_error(error: CaseError) -> ValidationError:
    """The case's own field path in the message, and in ``params`` for the JSONL import's table."""
    return ValidationError(
        _("The case does not parse at %(field)s: %(message)s"),
        code="invalid_case",
        params={"field": error.field, "message": error.message},
    )


def _criteria_problem(value):
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        return _("Must be a list of criterion codes.")
    unknown = sorted(set(value) - CRITERION_CODES)
    if unknown:
        return _("Unknown criterion code %(codes)s; expected some of: %(known)s.") % {
            "codes": ", ".join(unknown), "known": ", ".join(c.value for c in Criterion)}
    if len(set(value)) != len(value):
        return _("A criterion is listed twice.")
    return None
