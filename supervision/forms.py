"""Supervisors' forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eligibility.rulebook.codes import Criterion
from eligibility.wizard.steps import CRITERION_TITLES

from .models import Review


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
