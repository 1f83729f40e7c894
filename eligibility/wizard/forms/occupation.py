"""Occupation and offer: the NOC 2021 occupation (by code or title), where, and the offer."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from occupations import choices, selectors
from occupations.templatetags.rules_tags import unit_group_title

from .base import StepForm, plain, yes_no

NOC_AT_START = re.compile(r"\s*([0-9]{5})\b")


def resolve_noc(text: str) -> tuple[str | None, list]:
    """A NOC 2021 code from what the officer typed: a code (a suggestion "21231 Software
    engineers…" starts with one) or words of a title. → (code, []) or (None, candidates)."""
    found = NOC_AT_START.match(text or "")
    if found:
        return found.group(1), []
    matches = selectors.search_unit_groups(text or "", limit=8)
    if len(matches) == 1:
        return matches[0].code, []
    return None, matches


class OccupationForm(StepForm):
    yes_no_fields = ("compliance_fee_paid",)

    noc = forms.CharField(
        label=_("Occupation (NOC 2021)"), max_length=250,
        help_text=_("Type the 5-digit code or words of the title, for example 21231 or software engineer."),
        widget=forms.TextInput(attrs={"list": "noc-suggestions", "autocomplete": "off",
                                      "data-suggest": "noc"}),
    )
    province = forms.ChoiceField(label=_("Province or territory of destination"),
                                 choices=[("", _("Choose a province or territory"))] + list(choices.PROVINCE.items()))
    employer = forms.CharField(label=_("Employer"), max_length=200)
    job_title = forms.CharField(label=_("Job title"), max_length=200)
    offer_number = forms.CharField(label=_("Offer of employment number"), max_length=8,
                                   help_text=_("From the Employer Portal: A followed by 7 digits, for example A1234567."))
    compliance_fee_paid = yes_no(_("Employer compliance fee paid?"))
    employment_months = forms.IntegerField(label=_("Duration of the employment (months)"), min_value=1,
                                           max_value=120)

    def __init__(self, *args, questions_for=None, **kwargs):
        """``questions_for(code)`` gives the position questions the rule set asks for an
        occupation in this case (none for most)."""
        super().__init__(*args, **kwargs)
        self.checking = False  # set when shown for "Check this occupation", nothing saved
        text = self.data.get(self.add_prefix("noc")) if self.is_bound else self.initial.get("noc")
        code, _candidates = resolve_noc(text or "")
        self.noc_code = code
        self.questions = tuple(questions_for(code)) if (questions_for and code) else ()
        for question in self.questions:
            self.fields[f"position_{question.value}"] = yes_no(choices.POSITION_QUESTION_ASKED[question])

    @classmethod
    def initial_from(cls, saved: dict) -> dict:
        initial = super().initial_from(saved)
        if saved:
            initial["noc"] = saved.get("noc_code", "")
            for question, answer in (saved.get("position") or {}).items():
                initial[f"position_{question}"] = "yes" if answer else "no"
        return initial

    def clean_noc(self):
        code, candidates = resolve_noc(self.cleaned_data["noc"])
        if code:
            return code
        if candidates:
            listed = "; ".join(f"{g.code} {unit_group_title(g)}" for g in candidates)
            raise forms.ValidationError(
                _("Several occupations match: %(listed)s. Enter the 5-digit code of the one meant.") % {"listed": listed})
        raise forms.ValidationError(_("No NOC 2021 occupation matches. Enter a 5-digit code, for example 21231."))

    def clean_offer_number(self):
        value = self.cleaned_data["offer_number"].strip().upper()
        if not re.fullmatch(r"A[0-9]{7}", value):
            raise forms.ValidationError(_("Enter A followed by 7 digits, for example A1234567."))
        return value

    def answers(self) -> dict:
        data = {name: plain(v) for name, v in self.cleaned_data.items() if not name.startswith("position_")}
        data["noc_code"] = data.pop("noc")
        data["position"] = {q.value: self.cleaned_data[f"position_{q.value}"] for q in self.questions}
        return data
