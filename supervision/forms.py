"""Supervisors' forms."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from eligibility.choices import OfficerDecision
from eligibility.models import OUTCOME_CHOICES, Decision
from eligibility.rulebook.codes import Criterion
from eligibility.templatetags.desk import country_name
from eligibility.wizard.steps import CRITERION_TITLES
from occupations.choices import CATEGORY
from occupations.models import Country

from .models import Review, ReviewItem
from .reports import NOT_IN_QUEUE


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Your review"), choices=Review.Verdict.choices, widget=forms.RadioSelect)
    criteria = forms.MultipleChoiceField(
        label=_("Criteria you disagree with"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(c.value, CRITERION_TITLES[c]) for c in Criterion])
    comment = forms.CharField(label=_("Comment"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        verdict = data.get("verdict")
        if verdict == Review.Verdict.DISAGREE and not data.get("criteria"):
            self.add_error("criteria", _("Name the criteria you disagree with."))
        if verdict in (Review.Verdict.DISAGREE, Review.Verdict.RETURN) and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say why, for the officer."))
        return data


class SamplingForm(forms.Form):
    percent = forms.DecimalField(label=_("Share of other decisions sampled (%)"), min_value=0, max_value=100,
                                 decimal_places=1,
                                 help_text=_("Every decision that departs from the indicative outcome is reviewed; "
                                             "this share of the others is drawn at random."))


class ReportFilterForm(forms.Form):
    """The reports' filters: the decision search's (same names in the query string, so a search's
    filters open the reports and back), in a small form of the reports' own until the two are
    unified. Every field is optional."""

    recorded_from = forms.DateField(label=_("Recorded from"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    recorded_to = forms.DateField(label=_("Recorded until"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    officer = forms.ModelChoiceField(label=_("Officer"), required=False, queryset=None, to_field_name="username",
                                     empty_label=_("Any"))
    country = forms.ChoiceField(label=_("Country"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    noc = forms.RegexField(label=_("NOC 2021 code"), required=False, regex=r"^\d{5}$", max_length=5,
                                error_messages={"invalid": _("Enter a NOC 2021 code of five digits.")})
    outcome = forms.ChoiceField(label=_("Indicative outcome"), required=False)
    decision = forms.ChoiceField(label=_("Officer's decision"), required=False)
    departs = forms.TypedChoiceField(
        label=_("Departs from the indicative outcome"), required=False, empty_value=None,
        coerce=lambda value: value == "yes",
        choices=[("", _("Any")), ("yes", _("Departs (override)")), ("no", _("Follows the indicative outcome"))])
    review = forms.ChoiceField(label=_("Review status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        any_ = [("", _("Any"))]
        self.fields["officer"].queryset = get_user_model().objects.filter(
            Exists(Decision.objects.filter(officer=OuterRef("pk")))).order_by("username")
        self.fields["country"].choices = any_ + [
            (code, country_name(code))
            for code in Country.objects.order_by("code").values_list("code", flat=True).distinct()]
        self.fields["category"].choices = any_ + [(code.value, label) for code, label in CATEGORY.items()]
        self.fields["outcome"].choices = any_ + list(OUTCOME_CHOICES)
        self.fields["decision"].choices = any_ + list(OfficerDecision.choices)
        self.fields["review"].choices = any_ + [(NOT_IN_QUEUE, _("Never queued for review"))] + list(
            ReviewItem.Status.choices)

    def clean(self):
        data = super().clean()
        start, end = data.get("recorded_from"), data.get("recorded_to")
        if start and end and end < start:
            self.add_error("recorded_to", _("The end date cannot be before the start date."))
        return data

    def filters(self) -> dict:
        """The cleaned filters as plain data for ``supervision.reports`` (the officer as an id)."""
        data = dict(self.cleaned_data)
        data["officer"] = data["officer"].pk if data.get("officer") else None
        return {key: value for key, value in data.items() if value not in (None, "")}
